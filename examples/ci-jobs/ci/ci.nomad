# Continuous builders for ALICE pull-request testing: one job per var file in this directory.
#   levant render -var-file mesosci-cs8.yaml | nomad job plan -
job "ci-[[ .role ]]-[[ .arch ]][[ .config_suffix ]]" {
  datacenters = ["cern-a", "cern-b", "cern-c"]
  type        = "service"

  constraint {
    attribute = "${attr.kernel.name}"
    value     = "[[ if eq .role "macos" ]]darwin[[ else ]]linux[[ end ]]"
  }
[[- if eq .role "macos" ]]

  # One job per Mac: it runs on the host its var file is named after.
  constraint {
    attribute = "${attr.unique.hostname}"
    value     = "[[ .arch ]].cern.ch"
  }
[[- else ]]

  constraint {
    attribute = "${meta.allow_compilation}"
    value     = "true"
  }
[[- end ]]

  group "ci" {
    count = [[ .num_builders ]]

    meta {
      num_builders = "[[ .num_builders ]]"
    }

    ephemeral_disk {
      sticky  = true
      migrate = false
      size    = 245760
    }

    task "continuous-builder" {
[[- if eq .role "macos" ]]
      # Docker does not run builds natively on macOS: the builder runs on the host.
      driver = "raw_exec"

      config {
        command = "/Users/alibuild/ali-bot/ci/continuous-builder.sh"
      }
[[- else ]]
      driver = "docker"

      config {
        image   = "registry.cern.ch/alisw/[[ .arch ]]-builder:latest"
        command = "bash"
        args    = ["-exc", "exec ali-bot/ci/continuous-builder.sh"]
      }
[[- end ]]

      env {
        MESOS_ROLE           = "[[ .role ]]"
        CONTAINER_IMAGE      = "registry.cern.ch/alisw/[[ .arch ]]-builder:latest"
        WORKER_INDEX         = "${NOMAD_ALLOC_INDEX}"
        WORKERS_POOL_SIZE    = "[[ .num_builders ]]"
        ALIBOT_CONFIG_SUFFIX = "[[ .config_suffix ]]"
      }

      template {
        data = <<-EOD
          {{ with secret "kv/data/ci/alibot" }}
          GITHUB_TOKEN={{ .Data.data.github_token | toJSON }}
          GITLAB_USER={{ .Data.data.gitlab_user | toJSON }}
          GITLAB_PASS={{ .Data.data.gitlab_pass | toJSON }}
          AWS_ACCESS_KEY_ID={{ .Data.data.aws_access_key_id | toJSON }}
          AWS_SECRET_ACCESS_KEY={{ .Data.data.aws_secret_access_key | toJSON }}
          INFLUXDB_WRITE_URL={{ .Data.data.influxdb_write_url | toJSON }}
          ALIBOT_ANALYTICS_ID={{ .Data.data.alibot_analytics_id | toJSON }}
          MONALISA_HOST={{ .Data.data.monalisa_host | toJSON }}
          MONALISA_PORT={{ .Data.data.monalisa_port | toJSON }}
          {{ end }}
          EOD
        env         = true
        destination = "${NOMAD_SECRETS_DIR}/secrets.env"
        perms       = "400"
        change_mode = "restart"
      }

      # Required in order to read Vault secrets.
      vault {
        policies = ["ci"]
      }

      resources {
[[- if eq .role "macos" ]]
        cpu    = [[ .resources.cpu ]]
        memory = [[ .resources.memory ]]
[[- else ]]
        cores  = 8
        memory = 16000
[[- end ]]
      }
    }
  }
}
