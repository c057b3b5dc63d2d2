import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instanceKey, loadDeclarations } from '../../src/declarations/index.js';

const EXAMPLES = 'examples/ci-jobs';

describe('loadDeclarations on examples/ci-jobs', () => {
  it('lists root jobs and one instance per var file, with rendered job names', async () => {
    const d = await loadDeclarations(EXAMPLES);
    const jobs = d.list().map((i) => [instanceKey(i), i.jobName, i.declaredCount]);
    expect(jobs).toEqual([
      ['repo', 'repo', 1],
      ['ci/macos-alimac01', 'ci-macos-alimac01', 1],
      ['ci/mesosci-cs8', 'ci-mesosci-cs8', 8],
      ['ci/mesosci-slc9-o2physics', 'ci-mesosci-slc9-o2physics', 2],
      ['ci/mesosci-slc9', 'ci-mesosci-slc9', 4],
      ['jenkins-builder/alice', 'jenkins-builder-alice', 1],
      ['jenkins-builder/o2', 'jenkins-builder-o2', 1],
    ]);
    expect(d.list().every((i) => i.renderError === undefined)).toBe(true);
    expect(d.list().find((i) => i.name === 'macos-alimac01')?.vars).toEqual({
      role: 'macos',
      arch: 'alimac01',
      config_suffix: '',
      num_builders: 1,
      resources: { cpu: 8000, memory: 12000 },
    });
    expect(d.declaredCount('ci-mesosci-cs8')).toBe(8);
    expect(d.declaredCount('nope')).toBeUndefined();
  });

  it('resolves instance names, job names, dir/instance paths, root jobs and directories', async () => {
    const d = await loadDeclarations(EXAMPLES);
    for (const text of ['mesosci-cs8', 'ci-mesosci-cs8', 'ci/mesosci-cs8', 'ci/mesosci-cs8.yaml']) {
      const r = d.resolve(text);
      expect(r.kind === 'instance' && r.instance.jobName).toBe('ci-mesosci-cs8');
    }
    const repo = d.resolve('repo');
    expect(repo.kind === 'instance' && repo.instance.dir).toBeUndefined();
    const ci = d.resolve('ci');
    expect(ci.kind).toBe('dir');
    expect(ci.candidates.map((i) => i.name)).toEqual(['macos-alimac01', 'mesosci-cs8', 'mesosci-slc9-o2physics', 'mesosci-slc9']);
  });

  it('suggests the closest names for unknown ones and never guesses', async () => {
    const d = await loadDeclarations(EXAMPLES);
    const r = d.resolve('mesosci-cs9');
    expect(r.kind).toBe('unknown');
    expect(r.suggestions.map((i) => i.name).slice(0, 2)).toEqual(['mesosci-cs8', 'mesosci-slc9']);
    expect(d.resolve('zzzzzzzzzzzz').suggestions).toEqual([]);
  });

  it('rejects names that could leave the repository', async () => {
    const d = await loadDeclarations(EXAMPLES);
    for (const text of ['../ci/mesosci-cs8', '/etc/passwd', 'ci/../repo', 'repo\0', 'ci\\mesosci-cs8', './repo']) {
      const r = d.resolve(text);
      expect(r.kind, text).toBe('unknown');
      expect(r.kind === 'unknown' && r.reason, text).toBeTruthy();
    }
  });

  it('renders a templated instance exactly as levant render does, and root jobs verbatim', async () => {
    const d = await loadDeclarations(EXAMPLES);
    const r = d.resolve('mesosci-slc9-o2physics');
    if (r.kind !== 'instance') throw new Error('expected an instance');
    const hcl = await d.render(r.instance);
    expect(hcl).toContain('job "ci-mesosci-slc9-o2physics" {');
    expect(hcl).toContain('    count = 2\n');
    expect(hcl).toContain('ALIBOT_CONFIG_SUFFIX = "-o2physics"');
    expect(hcl).toContain('{{ with secret "kv/data/ci/alibot" }}');
    expect(hcl).toContain('WORKER_INDEX         = "${NOMAD_ALLOC_INDEX}"');
    expect(hcl).not.toContain('[[');
    const mac = d.resolve('macos-alimac01');
    if (mac.kind !== 'instance') throw new Error('expected an instance');
    const macHcl = await d.render(mac.instance);
    expect(macHcl).toContain('value     = "darwin"');
    expect(macHcl).not.toContain('allow_compilation');
    expect(macHcl).toContain('        cpu    = 8000\n        memory = 12000\n');
  });
});

describe('loadDeclarations on awkward repositories', () => {
  it('reports ambiguity, broken templates, two-template directories and escaping symlinks', async () => {
    const root = mkdtempSync(join(tmpdir(), 'decls-'));
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    writeFileSync(join(outside, 'secret.nomad'), 'job "secret" {}\n');
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    mkdirSync(join(root, 'two'));
    writeFileSync(join(root, 'a', 'a.nomad'), 'job "a-[[ .name ]]" {\n  group "g" {\n    count = [[ .n ]]\n  }\n}\n');
    writeFileSync(join(root, 'a', 'x.yaml'), 'name: x\nn: 3\n');
    writeFileSync(join(root, 'b', 'b.nomad'), 'job "b-[[ .name ]]" { [[ if ]] }\n');
    writeFileSync(join(root, 'b', 'x.yaml'), 'name: x\n');
    writeFileSync(join(root, 'two', 'one.nomad'), '');
    writeFileSync(join(root, 'two', 'other.nomad'), '');
    symlinkSync(join(outside, 'secret.nomad'), join(root, 'secret.nomad'));
    const d = await loadDeclarations(root);
    expect(d.list().map(instanceKey)).toEqual(['a/x', 'b/x']);
    expect(d.problems).toEqual(['two/ holds 2 .nomad files; Levant needs exactly one per directory']);
    expect(d.resolve('secret').kind).toBe('unknown');
    const amb = d.resolve('x');
    expect(amb.kind).toBe('ambiguous');
    expect(amb.candidates.map(instanceKey)).toEqual(['a/x', 'b/x']);
    expect(d.declaredCount('a-x')).toBe(3);
    const broken = d.list().find((i) => i.dir === 'b')!;
    expect(broken.renderError).toBe('template: b.nomad:1: missing value for if');
    await expect(d.render(broken)).rejects.toThrow('missing value for if');
  });

  it('a var file that does not parse is named with its line; paths are those in the repository, not in the checkout', async () => {
    const root = mkdtempSync(join(tmpdir(), 'decls-'));
    mkdirSync(join(root, 'c'));
    writeFileSync(join(root, 'c', 'c.nomad'), 'job "c-[[ .name ]]" {\n  group "g" {\n    count = 1\n  }\n}\n');
    writeFileSync(join(root, 'c', 'x.yaml'), 'name: x\n');
    writeFileSync(join(root, 'c', 'y.yaml'), 'name: y\nlist: [a,\n');
    const d = await loadDeclarations(root);
    const y = d.list().find((i) => i.name === 'y')!;
    expect(y.renderError).toMatch(/^c\/y\.yaml: yaml: line 3: /);
    await expect(d.render(y)).rejects.toThrow(/^c\/y\.yaml: yaml: line 3: /);
    // A file gone since the scan: Levant's `open <path>`, with the path inside the repository.
    rmSync(join(root, 'c', 'x.yaml'));
    await expect(d.render(d.list().find((i) => i.name === 'x')!)).rejects.toThrow(/^open c\/x\.yaml: no such file or directory$/);
  });
});
