/** `/ci vm …` and `/ci node retire`: pure parser tables. Every accepted request also passes its zod schema. */
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../commands/index.js';
import { node } from '../../commands/node.js';
import { vm } from '../../commands/vm.js';
import { OperationRequest, ReadRequest, type CommandContext } from '../../src/operations/index.js';

const ctx: CommandContext = { userId: 'U0ALICE', channelId: 'C0CIOPS', world: {}, scaleLimits: () => ({ maxCount: 50, allowZero: false }) };
const parse = (text: string) => vm.parse(tokenize(text), ctx);

describe('/ci vm parsing', () => {
  it.each([
    ['list', { type: 'read', request: { kind: 'vm.list', v: 1 } }],
    ['list --filter alibuild', { type: 'read', request: { kind: 'vm.list', v: 1, filter: 'alibuild' } }],
    ['list alimesos', { type: 'read', request: { kind: 'vm.list', v: 1, filter: 'alimesos' } }],
    ['show alibuild07', { type: 'read', request: { kind: 'vm.show', v: 1, name: 'alibuild07' } }],
    ['reboot alibuild07', { type: 'operation', request: { kind: 'vm.reboot', v: 1, name: 'alibuild07' } }],
    ['reboot --hard alibuild07', { type: 'operation', request: { kind: 'vm.reboot', v: 1, name: 'alibuild07' } }],
    ['rebuild alimesos02', { type: 'operation', request: { kind: 'vm.rebuild', v: 1, name: 'alimesos02' } }],
    [
      'rebuild alibuild05 --image "ALMA9 - x86_64 [2023-11-02]"',
      { type: 'operation', request: { kind: 'vm.rebuild', v: 1, name: 'alibuild05', image: 'ALMA9 - x86_64 [2023-11-02]' } },
    ],
    [
      'create alibuild13 --flavor m2.2xlarge',
      { type: 'operation', request: { kind: 'vm.create', v: 1, name: 'alibuild13', flavor: 'm2.2xlarge', volumeGb: 1000, volumeType: 'io1' } },
    ],
    [
      'create alibuild13 --flavor m2.2xlarge --volume-gb 500 --volume-type standard --zone cern-geneva-b',
      {
        type: 'operation',
        request: { kind: 'vm.create', v: 1, name: 'alibuild13', flavor: 'm2.2xlarge', volumeGb: 500, volumeType: 'standard', zone: 'cern-geneva-b' },
      },
    ],
    [
      'create alimesos04 --flavor m2.large --zone cern-geneva-c',
      {
        type: 'operation',
        request: { kind: 'vm.create', v: 1, name: 'alimesos04', flavor: 'm2.large', volumeGb: 0, volumeType: 'io1', zone: 'cern-geneva-c' },
      },
    ],
    [
      'create alimetal02 --flavor p1.dl8254131.S513-V-IP42',
      { type: 'operation', request: { kind: 'vm.create', v: 1, name: 'alimetal02', flavor: 'p1.dl8254131.S513-V-IP42', volumeGb: 0, volumeType: 'io1' } },
    ],
    [
      'create alibuild13 --flavor=m2.2xlarge --volume-gb=0',
      { type: 'operation', request: { kind: 'vm.create', v: 1, name: 'alibuild13', flavor: 'm2.2xlarge', volumeGb: 0, volumeType: 'io1' } },
    ],
    ['delete alibuild13', { type: 'operation', request: { kind: 'vm.delete', v: 1, name: 'alibuild13' } }],
  ])('%s', (text, expected) => {
    const result = parse(text);
    expect(result).toEqual(expected);
    if (result.type === 'operation') expect(OperationRequest.parse(result.request)).toEqual(result.request);
    if (result.type === 'read') expect(ReadRequest.parse(result.request)).toEqual(result.request);
  });

  it.each([
    ['', 'What should happen to which machine?'],
    ['reboto alibuild07', '`reboto` is not something `/ci vm` does. Did you mean `reboot`?'],
    ['reboot', 'Which machine? Usage: `/ci vm reboot <name> [--hard]`'],
    ['reboot alibuild07 alibuild08', 'Too many words: `alibuild08`.'],
    ['reboot ../etc/passwd', '`../etc/passwd` is not a machine name'],
    ['reboot "alibuild.*"', '`alibuild.*` is not a machine name'],
    ['reboot alibuild07 --soft', 'Unknown option `--soft`.'],
    ['rebuild alibuild07 --image', '`--image` needs a value.'],
    ['create alibuild13', '`--flavor` is required'],
    ['create --flavor m2.2xlarge', 'Which machine?'],
    ['create alibuild13 --flavor m2.2xlarge --volume-gb lots', '`lots` is not a size in GB.'],
    ['create alibuild13 --flavor m2.2xlarge --volume-gb 99999', '99999 GB is more than the 16384 GB'],
    ['create alibuild13 --flavor m2.2xlarge --volume-gb -5', '`-5` is not a size in GB.'],
    ['create alibuild13 --flavor m2.2xlarge --flavor m2.large', '`--flavor` is given twice.'],
    ['delete', 'Which machine?'],
    ['show', 'Which machine?'],
  ])('%s → a specific reply, nothing queued', (text, message) => {
    const result = parse(text);
    expect(result.type).toBe('reply');
    if (result.type === 'reply') {
      expect(result.error).toBe(true);
      expect(result.text).toContain(message);
      expect(result.text).toMatch(/Usage: `\/ci vm/);
    }
  });

  it('echoes hostile input shortened and without backquotes or control characters', () => {
    const result = parse(`reboot \`rm\u0007-rf\`${'x'.repeat(200)}`);
    expect(result.type).toBe('reply');
    if (result.type === 'reply') {
      expect(result.text).not.toContain('\u0007');
      expect(result.text).not.toContain('`rm');
      expect(result.text.length).toBeLessThan(400);
    }
  });

  it('lists every subcommand in the module summary and examples', () => {
    for (const sub of ['list', 'show', 'reboot', 'rebuild', 'create', 'delete']) expect(vm.summary).toContain(`\`${sub}\``);
    expect(vm.examples).toContain('/ci vm create alibuild13 --flavor m2.2xlarge');
  });
});

describe('/ci node retire parsing', () => {
  const parseNode = (text: string) => node.parse(tokenize(text), ctx);

  it('queues a retire of one agent', () => {
    const result = parseNode('retire alibuild12');
    expect(result).toEqual({ type: 'operation', request: { kind: 'node.retire', v: 1, name: 'alibuild12' } });
    if (result.type === 'operation') expect(OperationRequest.parse(result.request)).toEqual(result.request);
  });

  it.each([
    ['retire', 'Which node?'],
    ['retire alibuild12 alibuild11', 'Too many words'],
    ['retire alibuild12 --force', 'Unknown option `--force`.'],
    ['retire a/b', '`a/b` is not a machine name.'],
  ])('%s → %s', (text, message) => {
    const result = parseNode(text);
    expect(result.type).toBe('reply');
    if (result.type === 'reply') {
      expect(result.text).toContain(message);
      expect(result.text).toContain('Usage: `/ci node retire <name>`');
    }
  });

  it('shows retire in /ci node usage and examples', () => {
    expect(node.usage).toContain('retire');
    expect(node.examples).toContain('/ci node retire alibuild12');
  });
});
