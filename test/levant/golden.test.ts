import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateError, renderTemplate } from '../../src/levant/index.js';

const dir = mkdtempSync(join(tmpdir(), 'levant-golden-'));
const vars = join(dir, 'vars.yaml');
writeFileSync(
  vars,
  [
    'role: mesosci',
    'arch: cs8',
    "config_suffix: ''",
    'num_builders: 8',
    'ratio: 1.5',
    'huge: 1e21',
    'flag: yes',
    'nothing: ~',
    'list: [1, two, 3.0]',
    'resources: {cpu: 8000, memory: 12000}',
    '',
  ].join('\n'),
);

async function render(template: string, extra: Partial<Parameters<typeof renderTemplate>[0]> = {}): Promise<string> {
  return renderTemplate({ templatePath: join(dir, 'ci.nomad'), templateText: template, varFiles: [vars], env: { HOME: '/home/ci' }, ...extra });
}

async function failure(template: string): Promise<TemplateError> {
  const err = await render(template).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TemplateError);
  return err as TemplateError;
}

describe('golden renders per construct', () => {
  it('substitutes variables and keeps Nomad {{ }} and ${ } untouched', async () => {
    expect(await render('job "ci-[[ .role ]]-[[ .arch ]][[ .config_suffix ]]" { count = [[ .num_builders ]] } {{ env "x" }} ${NOMAD_ALLOC_INDEX}')).toBe(
      'job "ci-mesosci-cs8" { count = 8 } {{ env "x" }} ${NOMAD_ALLOC_INDEX}',
    );
  });

  it('prints YAML values the way Go does', async () => {
    expect(await render('[[ .ratio ]] [[ .huge ]] [[ .flag ]] [[ .nothing ]] [[ .list ]] [[ .resources ]] [[ .resources.cpu ]]')).toBe(
      '1.5 1e+21 true <no value> [1 two 3] map[cpu:8000 memory:12000] 8000',
    );
  });

  it('prints <no value> for a missing key but fails when digging into it', async () => {
    expect(await render('source = "[[ .binary_url ]]" [[ print .binary_url ]]')).toBe('source = "<no value>" <nil>');
    const err = await failure('x\n  [[ .nope.deeper ]]');
    expect(err.message).toBe('template: ci.nomad:2:10: executing "ci.nomad" at <.nope.deeper>: nil pointer evaluating interface {}.deeper');
    expect([err.file, err.line, err.column]).toEqual(['ci.nomad', 2, 10]);
  });

  it('trims whitespace around [[- and -]] markers, including newlines', async () => {
    expect(await render('a  \n\t[[- .arch -]]  \n  b [[- /* gone */ -]] c')).toBe('acs8bc');
  });

  it('formats printf verbs like Go', async () => {
    expect(await render('[[ printf "%5.2f|%-6s|%q|%x|%03d|%v|%t|%e|%d" .ratio .arch .role 255 7 .list true .huge .ratio ]]')).toBe(
      ' 1.50|cs8   |"mesosci"|ff|007|[1 two 3]|true|1.000000e+21|%!d(float64=1.5)',
    );
  });

  it('ranges over maps in key order, over lists, loop and integers, with else/break/continue', async () => {
    expect(await render('[[ range $k, $v := .resources ]][[ $k ]]=[[ $v ]];[[ end ]]')).toBe('cpu=8000;memory=12000;');
    expect(await render('[[ range $i, $x := .list ]][[ if eq $i 1 ]][[ continue ]][[ end ]][[ $x ]][[ end ]]')).toBe('13');
    expect(await render('[[ range $i := loop 2 5 ]][[ if gt $i 3 ]][[ break ]][[ end ]][[ $i ]][[ end ]]')).toBe('23');
    expect(await render('[[ range 3 ]][[ . ]][[ end ]]|[[ range .nothing ]]x[[ else ]]empty[[ end ]]')).toBe('012|empty');
  });

  it('supports define/template/block and else-if / else-with chains', async () => {
    expect(await render('[[ define "env" ]]KEY=[[ . ]][[ end ]][[ template "env" .arch ]] [[ block "b" .role ]]<[[ . ]]>[[ end ]]')).toBe('KEY=cs8 <mesosci>');
    expect(await render('[[ if eq .arch "cs9" ]]a[[ else if eq .arch "cs8" ]]b[[ else ]]c[[ end ]]')).toBe('b');
    expect(await render('[[ with .nothing ]]a[[ else with .role ]][[ . ]][[ else ]]c[[ end ]]')).toBe('mesosci');
  });

  it("has Levant's functions, reversed maths and Sprig's winners", async () => {
    expect(await render('[[ subtract 2 5 ]] [[ divide 2 6 ]] [[ modulo 2 5 ]] [[ add 1 2 3 ]] [[ levantAdd 1 2 ]]')).toBe('3 3 1 6 3');
    expect(await render('[[ "Batman and Robin" | replace "Robin" "Catwoman" ]] [[ levantReplace "a-b" "-" "+" ]] [[ env "HOME" ]]')).toBe(
      'Batman and Catwoman a+b /home/ci',
    );
    expect(await render('[[ toUpper .role ]] [[ firstRuneToUpper .role ]] [[ parseInt "42" | printf "%T" ]] [[ .role | default "x" | quote ]]')).toBe(
      'MESOSCI Mesosci int64 "mesosci"',
    );
    expect(await render('[[ list 1 "a" | toJson ]] [[ dict "k" .num_builders | toJson ]] [[ until 3 ]] [[ join "," (list "a" "b") ]]')).toBe(
      '[1,"a"] {"k":8} [0 1 2] a,b',
    );
  });

  it('reports parse errors with file and line, and unknown functions at parse time', async () => {
    expect((await failure('ok\n[[ if .role ]]')).message).toBe('template: ci.nomad:2: unexpected EOF');
    expect((await failure('[[ nosuch 1 ]]')).message).toBe('template: ci.nomad:1: function "nosuch" not defined');
  });

  it('merges var files shallowly and lets -var override whole top-level keys', async () => {
    const second = join(dir, 'more.json');
    writeFileSync(second, '{"arch": "slc9", "resources": {"cpu": 500}}');
    const tf = join(dir, 'vars.tf');
    writeFileSync(tf, 'variable "region" {\n  default = "cern"\n}\nvariable "instances" { default = 3 }\n');
    expect(await render('[[ .arch ]] [[ .resources ]] [[ .region ]] [[ .instances ]] [[ .role ]]', { varFiles: [vars, second, tf] })).toBe(
      'slc9 map[cpu:500] cern 3 mesosci',
    );
    expect(await render('[[ .resources ]] [[ .num_builders | printf "%T" ]]', { vars: { 'resources.cpu': '1', num_builders: '2' } })).toBe('map[cpu:1] string');
    const bad = await render('x', { varFiles: [join(dir, 'vars.txt')] }).catch((e: Error) => e.message);
    expect(bad).toBe('variables file extension .txt not supported');
  });

  it('reads fileContents relative to the template directory and refuses paths outside it', async () => {
    writeFileSync(join(dir, 'snippet.txt'), 'hello');
    expect(await render('[[ fileContents "snippet.txt" ]]')).toBe('hello');
    expect((await failure('[[ fileContents "../../etc/passwd" ]]')).message).toContain('refusing a path outside the template directory');
  });
});
