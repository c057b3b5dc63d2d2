# Jenkins builders, one job per var file: levant render -var-file alice.yaml | nomad job plan -
job "jenkins-builder-alice" {
  datacenters = ["cern-a", "cern-b", "cern-c"]
  type        = "service"

  group "builder" {
    count = 1

    ephemeral_disk {
      size = 20480
    }

    task "jenkins-builder" {
      driver = "docker"

      config {
        image = "registry.cern.ch/alisw/slc9-builder:latest"
      }

      env {
        JENKINS_BUILDER_NAME = "alice"
        JENKINS_LIGHT        = "false"
      }

      resources {
        cores  = 4
        memory = 8000
      }
    }
  }
}
