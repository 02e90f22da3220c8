#!/bin/bash
# Wait until a Kubernetes Job has completed or failed, whichever comes
# first, and exit 0 or 1 accordingly (`kubectl wait --for=condition=complete`
# alone waits out its whole timeout when the Job fails).
#
#   deploy/k8s/wait-job.sh JOB [TIMEOUT]     (TIMEOUT: 90s, 30m, 24h; default 24h)
#
# Exit status: 0 the Job completed; 1 it failed (its reason and message are
# printed, and `kubectl logs job/JOB` shows why); 2 bad arguments, timeout or
# kubectl errors. KUBECTL (default: kubectl) and the usual kubectl
# environment (KUBECONFIG, the current namespace) apply.
set -euo pipefail

die() {
    printf 'wait-job: %s\n' "$*" >&2
    exit 2
}
[[ $# -ge 1 && $# -le 2 && $1 != -* ]] || die "usage: wait-job.sh JOB [TIMEOUT]"
job=$1
timeout=${2:-24h}
[[ $timeout =~ ^([0-9]+)([smh]?)$ ]] || die "TIMEOUT is '$timeout'; give e.g. 90s, 30m or 24h"
case ${BASH_REMATCH[2]} in
    h) seconds=$((BASH_REMATCH[1] * 3600)) ;;
    m) seconds=$((BASH_REMATCH[1] * 60)) ;;
    *) seconds=${BASH_REMATCH[1]} ;;
esac
read -r -a kubectl <<<"${KUBECTL:-kubectl}"
interval=${WAIT_INTERVAL:-10}

deadline=$((SECONDS + seconds))
while :; do
    # The conditions that are True, e.g. "Complete" or "FailureTarget Failed".
    state=$("${kubectl[@]}" get job "$job" \
        -o 'jsonpath={range .status.conditions[?(@.status=="True")]}{.type} {end}') ||
        die "cannot read job/$job (kubectl get job $job failed)"
    case " $state " in
        *" Complete "* | *" SuccessCriteriaMet "*)
            printf 'wait-job: job/%s completed\n' "$job"
            exit 0
            ;;
        *" Failed "* | *" FailureTarget "*)
            why=$("${kubectl[@]}" get job "$job" \
                -o 'jsonpath={range .status.conditions[?(@.type=="Failed")]}{.reason}: {.message}{end}' || true)
            printf 'wait-job: job/%s failed: %s; see kubectl logs job/%s\n' "$job" "${why:-no reason given}" "$job" >&2
            exit 1
            ;;
    esac
    ((SECONDS < deadline)) || die "job/$job neither completed nor failed within $timeout"
    sleep "$interval"
done
