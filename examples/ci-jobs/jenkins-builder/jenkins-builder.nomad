# Jenkins builders, one job per var file: levant render -var-file alice.yaml | nomad job plan -
job "jenkins-builder-[[ .name ]]" {
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
        image = "[[ .docker_image ]]"
      }

      env {
        JENKINS_BUILDER_NAME = "[[ .name ]]"
        JENKINS_LIGHT        = "[[ .is_light ]]"
      }

      resources {
        cores  = 4
        memory = 8000
      }
    }
  }
}
