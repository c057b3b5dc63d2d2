# The Nomad ACL policy of the ci-chatops token: exactly the capabilities the bot's calls need
# (reference: nomad-api.md §12). Install it and create the token with
#   nomad acl policy apply -description "ci-chatops bot" ci-chatops deploy/nomad-acl-policy.hcl
#   nomad acl token create -name ci-chatops -policy ci-chatops -type client
# and give the SecretID to the bot as NOMAD_TOKEN (from Vault: see deploy/ci-chatops.nomad).

namespace "default" {
  capabilities = [
    # /ci status, history targets, name resolution: GET /v1/jobs
    "list-jobs",
    # jobs, their allocations, evaluations and scale status; /v1/allocation(s); node allocations;
    # the event stream's Job and Allocation topics (cluster watch)
    "read-job",
    # declarations rendered to HCL become jobs through POST /v1/jobs/parse
    "parse-job",
    # POST /v1/job/:id/plan, POST /v1/jobs (deploy), POST /v1/job/:id/scale, DELETE /v1/job/:id (stop).
    # On Nomad 2.x the finer plan-job, register-job, deregister-job and scale-job may replace it.
    "submit-job",
    # /ci restart: POST /v1/client/allocation/:id/restart
    "alloc-lifecycle",
    # /ci logs: GET /v1/client/fs/logs/:id
    "read-logs",
  ]
}

# /ci nodes, /ci node, disk checks (GET /v1/nodes, /v1/node/:id, /v1/client/stats), the event
# stream's Node topic, and /ci node drain|undrain|eligible|ineligible (POST /v1/node/:id/drain,
# /eligibility). A bot without node commands can use policy = "read".
node {
  policy = "write"
}

# /ci vm list|show and the master checks read the server members (GET /v1/agent/members), and
# farm-wide allocation reads check the servers' build there before reading in pages.
agent {
  policy = "read"
}
