# The rsync server for aliBuild tarballs. Deploy with: nomad job plan repo.nomad
job "repo" {
  datacenters = ["cern-a", "cern-b", "cern-c"]
  type        = "service"

  group "repo" {
    count = 1

    network {
      port "rsync" {
        static = 873
      }
    }

    service {
      name = "repo"
      port = "rsync"

      check {
        type     = "tcp"
        interval = "30s"
        timeout  = "5s"
      }
    }

    task "rsync" {
      driver = "docker"

      config {
        image = "registry.cern.ch/alisw/rsync:latest"
        ports = ["rsync"]
      }

      resources {
        cpu    = 500
        memory = 1024
      }
    }
  }
}
