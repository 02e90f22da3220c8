#!/usr/bin/env python3
"""Offline checks of the Kubernetes manifests in this directory.

    python3 deploy/k8s/check-manifests.py

Needs PyYAML (pip install pyyaml, or Debian's python3-yaml). Checks that
every manifest parses; that the shard Job is Indexed with WOM_SHARDS equal to
spec.completions and parallelism at most completions; that both Jobs run the
scripts the image ships (deploy/k8s/shard.sh and merge.sh, copied by
deploy/Dockerfile) with the same image, volume claim and RESULTS; and, when
kubernetes-validate is installed (pip install kubernetes-validate), validates
each manifest against the Kubernetes schema, strictly. Exit 0 when all pass.
"""
import os
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def load(name):
    with open(os.path.join(HERE, name)) as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    check(len(docs) == 1, f"{name} parses as one document")
    return docs[0]


def container(job):
    return job["spec"]["template"]["spec"]["containers"][0]


def env(c):
    return {e["name"]: e.get("value") for e in c.get("env", [])}


def claim(job):
    vols = job["spec"]["template"]["spec"]["volumes"]
    return [v["persistentVolumeClaim"]["claimName"] for v in vols if "persistentVolumeClaim" in v]


pvc = load("wom-results-pvc.yaml")
shards = load("wom-indexed-job.yaml")
merge = load("wom-merge-job.yaml")

check(pvc["kind"] == "PersistentVolumeClaim" and "ReadWriteMany" in pvc["spec"]["accessModes"],
      "the results volume claim is ReadWriteMany")
spec = shards["spec"]
check(shards["kind"] == "Job" and spec.get("completionMode") == "Indexed", "the shard Job is Indexed")
sc, mc = container(shards), container(merge)
se, me = env(sc), env(mc)
check(str(spec["completions"]) == se.get("WOM_SHARDS"),
      f"WOM_SHARDS ({se.get('WOM_SHARDS')}) equals spec.completions ({spec['completions']})")
check(1 <= spec.get("parallelism", 1) <= spec["completions"], "1 <= parallelism <= completions")
check(sc["command"] == ["/opt/wom/k8s/shard.sh"], "the shard pods run /opt/wom/k8s/shard.sh")
check(mc["command"] == ["/opt/wom/k8s/merge.sh"], "the merge pod runs /opt/wom/k8s/merge.sh")
bad = [a for a in sc.get("args", []) if a.startswith(("--shard", "--out", "--precision"))]
check(not bad, "the shard args have no --shard, --out or --precision (shard.sh sets the first two)")
check(se.get("RESULTS") == me.get("RESULTS"), f"both Jobs use RESULTS={se.get('RESULTS')}")
check(sc["image"] == mc["image"], f"both Jobs use the image {sc['image']}")
check(claim(shards) == claim(merge) == [pvc["metadata"]["name"]],
      f"both Jobs mount the claim {pvc['metadata']['name']}")
with open(os.path.join(HERE, "..", "Dockerfile")) as f:
    dockerfile = f.read()
check("deploy/k8s/shard.sh deploy/k8s/merge.sh /opt/wom/k8s/" in dockerfile,
      "deploy/Dockerfile copies shard.sh and merge.sh to /opt/wom/k8s/")
scenario = se.get("SCENARIO", "")
if scenario.startswith("/opt/wom/scenarios/"):
    shipped = os.path.join(HERE, "..", "..", "scenarios", os.path.basename(scenario))
    check(os.path.exists(shipped), f"SCENARIO {scenario} is shipped in the image")

try:
    import kubernetes_validate  # noqa: F401
except ImportError:
    print("skip schema validation (pip install kubernetes-validate to run it)")
else:
    names = ["wom-results-pvc.yaml", "wom-indexed-job.yaml", "wom-merge-job.yaml"]
    r = subprocess.run([sys.executable, "-m", "kubernetes_validate", "--strict", "--quiet",
                        *[os.path.join(HERE, n) for n in names]])
    check(r.returncode == 0, "kubernetes-validate --strict passes (Kubernetes schema)")

print(f"{len(failures)} failed" if failures else "all checks passed")
sys.exit(1 if failures else 0)
