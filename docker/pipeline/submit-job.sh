#!/usr/bin/env bash
# Submits the LVDS live job to the session cluster, once: does nothing if it already runs.
# FROM_SAVEPOINT=<path> resumes from a savepoint (the upgrade path, see docs/deployment.md).
set -euo pipefail
: "${JOB_JAR:?}" "${JOB_CLASS:?}" "${PARALLELISM:?}" "${LVDS_CONFIG:?}" "${KAFKA_BOOTSTRAP:?}"
if flink list -r 2>/dev/null | grep -q ': lvds-live (RUNNING)'; then
  echo "submit-job: lvds-live is already running; nothing to do"
  exit 0
fi
args=(run -d -p "$PARALLELISM" -c "$JOB_CLASS")
if [[ -n "${FROM_SAVEPOINT:-}" ]]; then
  echo "submit-job: resuming from savepoint $FROM_SAVEPOINT"
  args+=(-s "$FROM_SAVEPOINT")
fi
exec flink "${args[@]}" "$JOB_JAR" --config "$LVDS_CONFIG" \
  --set "kafka.bootstrapServers=$KAFKA_BOOTSTRAP"
