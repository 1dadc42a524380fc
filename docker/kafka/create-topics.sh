#!/usr/bin/env bash
# Creates the LVDS topics with their partitions and retention; safe to run again (--if-not-exists).
# Topic names are config/lvds.yaml's kafka.topics defaults. Retention comes from the environment
# (docker/compose.yaml), whose values mirror config/lvds.yaml's privacy.retention.
set -euo pipefail
KT=/opt/kafka/bin/kafka-topics.sh
create() { # name partitions config...
  local name=$1 parts=$2; shift 2
  local args=()
  for c in "$@"; do args+=(--config "$c"); done
  "$KT" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$parts" --replication-factor 1 "${args[@]}"
}
HOUR=3600000
# Input: raw text. Short retention, and segments that roll hourly so deletion actually happens
# (retention only deletes closed segments; the default segment is a week).
create lvds.signals "$PARTITIONS" "retention.ms=$SIGNALS_RETENTION_MS" "segment.ms=$HOUR"
create lvds.incidents "$PARTITIONS" "retention.ms=$INCIDENTS_RETENTION_MS"
create lvds.p2000 "$PARTITIONS" "retention.ms=$INCIDENTS_RETENTION_MS"
# Output: aggregates only, keyed by cell (area|topic), written exactly-once.
create lvds.indicators "$PARTITIONS" "retention.ms=$INDICATORS_RETENTION_MS"
create lvds.alerts "$PARTITIONS" "retention.ms=$ALERTS_RETENTION_MS"
# Early results: provisional indicators of open windows (live only, not transactional, replaced by
# the final ones within minutes): an hour is plenty.
create lvds.indicators.early "$PARTITIONS" "retention.ms=$HOUR" "segment.ms=$HOUR"
create lvds.deadletter 1 "retention.ms=$DEADLETTER_RETENTION_MS" "segment.ms=$HOUR"
# Alert rules as published config: the latest per key is what counts.
create lvds.rules 1 "cleanup.policy=compact"
"$KT" --bootstrap-server "$BOOTSTRAP" --describe --topics-with-overrides
