#!/usr/bin/env node
// `ci-chatops <command>` inside the container image, on the compiled code (no tsx):
//   docker compose run --rm bot node deploy/cli.mjs check-config --config /app/chatops.yaml
const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv.slice(2));
