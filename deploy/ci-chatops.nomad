# ci-chatops on the farm it operates: `nomad job plan deploy/ci-chatops.nomad`, then `nomad job run`.
#
# Secrets come from Vault through a template block, as in the CI docs ("Using Vault secrets"):
# store them once with
#   vault kv put kv/ci-chatops slack_bot_token=xoxb-… slack_app_token=xapp-… nomad_token=… \
#     metrics_token=… os_application_credential_id=… os_application_credential_secret=… \
#     redis_password=… redis_sentinel_password=…
# Socket Mode (SLACK_APP_TOKEN) needs no inbound connection from Slack, so nothing here is public.
# High availability (README "High availability"): two instances in different datacenters, Redis
# through its sentinels; either instance takes any request, one of them watches the cluster.
job "ci-chatops" {
  datacenters = ["*"]
  type        = "service"

  group "bot" {
    # Two, so that losing a host or a datacenter leaves one running: records change by compare-and-set,
    # steps are claimed in Redis (another instance resumes a dead one's), and a Redis lease picks the watcher.
    count = 2

    # One per datacenter where there are several, and never two on one host.
    spread {
      attribute = "${node.datacenter}"
      weight    = 100
    }

    constraint {
      operator = "distinct_hosts"
      value    = "true"
    }

    # A rolling upgrade: one instance at a time, the next once the first is ready (/readyz).
    update {
      max_parallel     = 1
      min_healthy_time = "30s"
      healthy_deadline = "5m"
    }

    network {
      port "metrics" {
        to = 9464
      }
    }

    # Prometheus finds /metrics through Consul; the check is the bot's readiness (Redis + Nomad).
    service {
      name = "ci-chatops"
      port = "metrics"
      tags = ["metrics"]

      check {
        type     = "http"
        path     = "/readyz"
        interval = "15s"
        timeout  = "3s"
      }
    }

    restart {
      attempts = 10
      interval = "30m"
      delay    = "15s"
      mode     = "delay"
    }

    task "bot" {
      driver = "docker"

      config {
        image = "registry.cern.ch/alisw/ci-chatops:0.1.0"
        ports = ["metrics"]
      }

      env {
        NOMAD_ADDR     = "https://alinomad.cern.ch:443"
        CHATOPS_CONFIG = "${NOMAD_TASK_DIR}/chatops.yaml"
        METRICS_PORT   = "9464"
        LOG_LEVEL      = "info"
        OS_AUTH_URL    = "https://keystone.cern.ch/v3"
        OS_AUTH_TYPE   = "v3applicationcredential"
      }

      template {
        data = <<-EOD
          {{ with secret "kv/data/ci-chatops" }}
          SLACK_BOT_TOKEN={{ .Data.data.slack_bot_token | toJSON }}
          SLACK_APP_TOKEN={{ .Data.data.slack_app_token | toJSON }}
          NOMAD_TOKEN={{ .Data.data.nomad_token | toJSON }}
          METRICS_TOKEN={{ .Data.data.metrics_token | toJSON }}
          OS_APPLICATION_CREDENTIAL_ID={{ .Data.data.os_application_credential_id | toJSON }}
          OS_APPLICATION_CREDENTIAL_SECRET={{ .Data.data.os_application_credential_secret | toJSON }}
          REDIS_PASSWORD={{ .Data.data.redis_password | toJSON }}
          REDIS_SENTINEL_PASSWORD={{ .Data.data.redis_sentinel_password | toJSON }}
          {{ end }}
          EOD
        env = true
        destination = "${NOMAD_SECRETS_DIR}/secrets.env"
        perms = "400"
        change_mode = "restart"
      }

      # chatops.yaml (docs/configuration.md lists every key); kept in the job so a change is planned and reviewed.
      template {
        data = <<-EOD
          access:
            groups:
              ci-admins: ["S0CIADMINS"]
            classes:
              nomad-mutate: { request: ["@ci-admins"], approve: ["@ci-admins"], channels: ["C0CIOPS"] }
              node: { request: ["@ci-admins"], approve: ["@ci-admins"], channels: ["C0CIOPS"] }
              vm: { request: ["@ci-admins"], approve: ["@ci-admins"], approvals: 1, channels: ["C0CIOPS"] }
          # Redis: a primary and a replica (AOF on) watched by three sentinels on three hosts (README
          # "High availability"); the bot asks the sentinels for the primary, before every reconnect.
          redis:
            prefix: ci-chatops
            name: ci-chatops
            sentinels: ["alice-redis01.cern.ch:26379", "alice-redis02.cern.ch:26379", "alice-redis03.cern.ch:26379"]
          observability:
            dashboard: false
          EOD
        destination = "local/chatops.yaml"
        change_mode = "restart"
      }

      # Required in order to read vault secrets.
      vault {
        policies = ["nomad"]
      }

      resources {
        cpu    = 300
        # The image caps V8's old space at 256 MB (NODE_OPTIONS in the Dockerfile); raise both together.
        memory = 384
      }
    }
  }
}
