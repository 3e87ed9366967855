#!/usr/bin/env bash
# Makes sure PostgreSQL, RabbitMQ (with the management plugin) and Redis answer on their standard
# local ports, starting the machine's own installs when they are down. Skipped when the caller
# points at other servers (DATABASE_URL / AMQP_URL / REDIS_URL) or set FG_SKIP_INFRA=1.
set -uo pipefail

[ "${FG_SKIP_INFRA:-0}" = 1 ] && exit 0

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
  local port=$1 name=$2 i
  for i in $(seq 1 120); do port_open "$port" && return 0; sleep 0.5; done
  echo "ensure-infra: $name did not come up on 127.0.0.1:$port" >&2
  return 1
}

if [ -z "${DATABASE_URL:-}" ] && ! port_open 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "ensure-infra: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
    wait_port 5432 PostgreSQL || exit 1
  else
    echo "ensure-infra: PostgreSQL is not running on 127.0.0.1:5432 and pg_ctlcluster is not installed;" \
      "start it yourself, run 'docker compose up -d postgres', or set DATABASE_URL" >&2
  fi
fi

if [ -z "${REDIS_URL:-}" ] && ! port_open 6379; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "ensure-infra: starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
    wait_port 6379 Redis || exit 1
  else
    echo "ensure-infra: Redis is not running on 127.0.0.1:6379; start it, use docker compose, or set REDIS_URL" >&2
  fi
fi

if [ -z "${AMQP_URL:-}" ]; then
  if ! port_open 5672 && command -v rabbitmq-server >/dev/null 2>&1; then
    echo "ensure-infra: starting RabbitMQ"
    rabbitmq-server -detached
    wait_port 5672 RabbitMQ || exit 1
  fi
  # The management API creates a vhost per test file and lets tests close connections by force.
  if command -v rabbitmq-plugins >/dev/null 2>&1 && ! port_open 15672; then
    echo "ensure-infra: enabling rabbitmq_management"
    rabbitmqctl await_startup >/dev/null 2>&1 || true
    rabbitmq-plugins enable rabbitmq_management >/dev/null
    wait_port 15672 "RabbitMQ management" || exit 1
  fi
  if ! port_open 5672; then
    echo "ensure-infra: RabbitMQ is not running on 127.0.0.1:5672; start it, use docker compose, or set AMQP_URL" >&2
  fi
fi
exit 0
