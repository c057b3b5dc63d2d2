/**
 * Which member is which master. Nomad names a server member `<node name>.<region>`
 * (nomad/server.go setupSerf: NodeName + "." + Region), and the node name may itself be short
 * (`alimesos01`) or a FQDN (`alimesos01.cern.ch`); configured master names may be either too.
 * Consul names members by node name, short or FQDN as well.
 */

/** The node name inside a Nomad member name: `alimesos01.cern.ch.global` → `alimesos01.cern.ch`. */
export function nomadNodeName(member: { Name: string; Tags?: Record<string, string> | null | undefined }): string {
  const region = member.Tags?.region;
  if (region && member.Name.endsWith(`.${region}`)) return member.Name.slice(0, -region.length - 1);
  return member.Name.replace(/\.[^.]*$/, '');
}

const firstLabel = (name: string) => name.toLowerCase().split('.')[0] ?? '';

/** The same machine: equal names, or a short name and a FQDN with the same host (`alimesos01` = `alimesos01.cern.ch`). */
export function sameHost(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  return (!a.includes('.') || !b.includes('.')) && firstLabel(a) === firstLabel(b);
}
