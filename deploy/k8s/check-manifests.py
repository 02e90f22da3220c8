#!/usr/bin/env python3
"""Offline checks of the Kubernetes manifests in this directory.

    python3 deploy/k8s/check-manifests.py

Needs PyYAML (pip install pyyaml, or Debian's python3-yaml). Checks that
every manifest parses; that the shard Job is Indexed with WOM_SHARDS equal to
spec.completions and parallelism at most completions; that both Jobs run the
scripts the image ships (deploy/k8s/shard.sh and merge.sh, copied by
deploy/Dockerfile) with the same image, volume claim and RESULTS; that every
pod meets the Pod Security "restricted" profile (non-root, no privilege
escalation, all capabilities dropped, seccomp RuntimeDefault); that retries
are per index with exit 2 failing its index; that both Jobs have a deadline,
a time to live and memory limits; and validates each manifest with
kubernetes-validate --strict (pip install kubernetes-validate) against the
schemas of Kubernetes 1.33 (where backoffLimitPerIndex became stable) and of
the newest version it knows. Without kubernetes-validate it skips that step,
unless CI is set (then it fails). Exit 0 when all pass.
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

check(spec.get("backoffLimitPerIndex", 0) >= 1 and spec.get("maxFailedIndexes") is not None
      and "backoffLimit" not in spec,
      "the shard Job retries per index (backoffLimitPerIndex, maxFailedIndexes)")
rules = spec.get("podFailurePolicy", {}).get("rules", [])
check(any(r.get("action") == "FailIndex" and 2 in r.get("onExitCodes", {}).get("values", [])
          for r in rules), "exit 2 fails its index at once (FailIndex)")
check(claim_class := pvc["spec"].get("storageClassName"),
      f"the volume claim names a storageClassName ({claim_class})")
for name, job in [("wom-indexed-job.yaml", shards), ("wom-merge-job.yaml", merge)]:
    js, pod = job["spec"], job["spec"]["template"]["spec"]
    check(js.get("activeDeadlineSeconds", 0) > 0 and js.get("ttlSecondsAfterFinished") is not None,
          f"{name}: activeDeadlineSeconds and ttlSecondsAfterFinished")
    psc = pod.get("securityContext", {})
    for c in pod["containers"]:
        csc = c.get("securityContext", {})
        non_root = csc.get("runAsNonRoot", psc.get("runAsNonRoot")) is True
        user = csc.get("runAsUser", psc.get("runAsUser"))
        seccomp = csc.get("seccompProfile", psc.get("seccompProfile", {})).get("type")
        check(non_root and user not in (None, 0), f"{name}: runs as non-root (runAsUser {user})")
        check(csc.get("allowPrivilegeEscalation") is False, f"{name}: allowPrivilegeEscalation false")
        check(csc.get("capabilities", {}).get("drop") == ["ALL"], f"{name}: drops all capabilities")
        check(seccomp in ("RuntimeDefault", "Localhost"), f"{name}: seccompProfile RuntimeDefault")
        check("memory" in c.get("resources", {}).get("limits", {}), f"{name}: a memory limit")

try:
    import kubernetes_validate  # noqa: F401
except ImportError:
    msg = "kubernetes-validate is not installed (pip install kubernetes-validate)"
    if os.environ.get("CI"):
        check(False, msg)
    else:
        print("skip schema validation: " + msg)
else:
    names = ["wom-results-pvc.yaml", "wom-indexed-job.yaml", "wom-merge-job.yaml"]
    for version in [["-k", "1.33.0"], []]:
        r = subprocess.run([sys.executable, "-m", "kubernetes_validate", "--strict", "--quiet",
                            *version, *[os.path.join(HERE, n) for n in names]])
        check(r.returncode == 0,
              f"kubernetes-validate --strict {' '.join(version) or '(newest schemas)'} passes")

print(f"{len(failures)} failed" if failures else "all checks passed")
sys.exit(1 if failures else 0)
