/**
 * Nomad's error answers read for people, and told apart from failures that may pass. Nomad
 * answers every plain Go error as HTTP 500 (command/agent/http.go wrap), so a job that fails
 * validation (go-multierror: "1 error occurred: * …") or a node that does not exist is a 500 too:
 * those are refusals and are never retried; "No cluster leader" or "rpc error: EOF" may pass.
 */
import { firstLine, type Explanation } from '../errors.js';

/** 500 bodies that repeat whatever the request is retried: the request itself is wrong. */
const REFUSED_500 = [
  /^\d+ errors? occurred:/, // job validation (nomad/job_endpoint_hooks.go jobValidate, go-multierror's format)
  /^Enforcing job modify index/, // check-and-set (structs.Job.EnforceIndex)
  /node not found/,
  /invalid scheduling eligibility/,
  /can not set node's scheduling eligibility/,
  /^Failed to parse value of/,
  /job_max_count/,
  /^job type cannot be core/,
];

/**
 * What the token was not allowed to do, by endpoint, and the ACL capability it needs
 * (website/content/docs/other-specifications/acl-policy.mdx, and each endpoint's ACL table).
 */
const ACTIONS: Array<{ method: RegExp; path: RegExp; action: string; needs: string; namespaced: boolean }> = [
  { method: /POST|PUT/, path: /^jobs\/parse$/, action: 'parse jobs', needs: 'parse-job or submit-job', namespaced: true },
  { method: /POST|PUT|DELETE/, path: /^jobs?(\/[^/]+(\/(plan|scale))?)?$/, action: 'submit jobs', needs: 'submit-job', namespaced: true },
  { method: /GET/, path: /^jobs$/, action: 'list jobs', needs: 'list-jobs', namespaced: true },
  { method: /POST|PUT/, path: /^client\/allocation\/[^/]+\/restart$/, action: 'restart allocations', needs: 'alloc-lifecycle', namespaced: true },
  { method: /GET/, path: /^client\/fs\/logs\//, action: 'read logs', needs: 'read-logs', namespaced: true },
  { method: /POST|PUT/, path: /^node\//, action: 'change nodes', needs: 'node { policy = "write" }', namespaced: false },
  { method: /GET/, path: /^(nodes|node\/|client\/stats)/, action: 'read nodes', needs: 'node { policy = "read" }', namespaced: false },
  { method: /GET/, path: /^agent\//, action: 'read the agents', needs: 'agent { policy = "read" }', namespaced: false },
  { method: /GET/, path: /^event\/stream/, action: 'follow the event stream', needs: 'read-job and node read', namespaced: true },
  { method: /GET/, path: /^(jobs?|allocations?|evaluations?|deployments?)\b/, action: 'read jobs', needs: 'read-job', namespaced: true },
];

function refusal(method: string, url: URL): string {
  const path = url.pathname.replace(/^\/v1\//, '');
  const hit = ACTIONS.find((a) => a.method.test(method) && a.path.test(path));
  if (!hit) return `Nomad refused: the token may not ${method} /v1/${path}`;
  const where = hit.namespaced ? ` in namespace ${url.searchParams.get('namespace') || 'default'}` : '';
  return `Nomad refused: the token may not ${hit.action}${where} (its ACL policy needs ${hit.needs})`;
}

/** go-multierror's list, flattened: "Task group ci validation failed: Missing task driver; …". */
export function validationProblems(body: string): string {
  const items = body
    .split('\n')
    .map((l) =>
      l
        .trim()
        .replace(/^\* /, '')
        .replace(/\s*\d+ errors? occurred:$/, '')
        .trim(),
    )
    .filter((l) => l !== '' && !/^\d+ errors? occurred:$/.test(l));
  // "Task group ci validation failed:" introduces the next item; anything else ends one.
  return items.reduce((out, item, i) => (i === 0 ? item : `${out}${items[i - 1]!.endsWith(':') ? ' ' : '; '}${item}`), '');
}

export function explainNomadAnswer(method: string, url: string, status: number, body: string): Explanation {
  const said = firstLine(body);
  if (status === 403) {
    if (/ACL token not found/.test(body))
      return { permanent: true, forPeople: "Nomad refused: it does not know the bot's token (NOMAD_TOKEN expired or was deleted)" };
    if (/Permission denied/.test(body)) return { permanent: true, forPeople: refusal(method, new URL(url)) };
    return { permanent: true, forPeople: `Nomad refused: ${said}` };
  }
  if (status === 500 && /^\d+ errors? occurred:/.test(body.trim())) {
    return { permanent: true, forPeople: `Nomad refused the job as invalid: ${firstLine(validationProblems(body), 500)}` };
  }
  if (status === 500 && REFUSED_500.some((re) => re.test(body.trim()))) return { permanent: true, forPeople: `Nomad refused: ${said}` };
  if (status === 404) return { permanent: true, forPeople: `Nomad does not know it: ${said || 'not found'}` };
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return { permanent: true, forPeople: `Nomad refused: ${said || `HTTP ${status}`}` };
  return { permanent: false, forPeople: `Nomad could not do it just now (HTTP ${status}${said ? `: ${said}` : ''}); it may pass if tried again shortly` };
}
