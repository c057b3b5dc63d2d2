import { describe, expect, it } from 'vitest';
import { formatDryRun, formatPlanDiff } from '../../src/nomad/plan-format.js';
import type { NomadJobDiff, NomadJobPlanResponse } from '../../src/nomad/schemas/plan.js';
import { readFixture } from '../support/reference.js';

/** The CLI text of a fixture, from the diff up to (not including) "Job Modify Index". */
function cliText(name: string): string {
  const lines = readFixture('nomad', name).split('\n');
  const start = lines[0]?.startsWith('$ ') ? 1 : 0;
  const end = lines.findIndex((l) => l.startsWith('Job Modify Index'));
  return lines.slice(start, end).join('\n').trimEnd();
}

const f = (Type: string, Name: string, Old: string, New: string, Annotations: string[] | null = null) => ({ Type, Name, Old, New, Annotations }) as const;

function cli(diff: NomadJobDiff, plan: Pick<NomadJobPlanResponse, 'FailedTGAllocs' | 'CreatedEvals'>, verbose = false) {
  return `${formatPlanDiff(diff, verbose)}\n\nScheduler dry-run:\n${formatDryRun(plan)}`;
}

describe('nomad job plan output', () => {
  it('prints a count increase with a failed placement like plan.mdx example 2', () => {
    const diff = {
      Type: 'Edited',
      ID: 'example',
      Fields: null,
      Objects: null,
      TaskGroups: [
        {
          Type: 'Edited',
          Name: 'cache',
          Objects: null,
          Fields: [f('Edited', 'Count', '1', '8', ['forces create'])],
          Tasks: [{ Type: 'None', Name: 'redis', Fields: null, Objects: null, Annotations: null }],
          Updates: { create: 7, 'in-place update': 1 },
        },
      ],
    } as NomadJobDiff;
    const plan = {
      FailedTGAllocs: { cache: { NodesEvaluated: 1, NodesFiltered: 0, NodesExhausted: 1, DimensionExhausted: { cpu: 1 }, CoalescedFailures: 2 } },
    };
    expect(cli(diff, plan)).toBe(cliText('plan-cli-count-increase-failed-placement.txt'));
  });

  it('prints an edited task config with aligned values and a rolling update (example 3)', () => {
    const diff = {
      Type: 'Edited',
      ID: 'example',
      TaskGroups: [
        {
          Type: 'Edited',
          Name: 'cache',
          Fields: null,
          Objects: null,
          Updates: { 'create/destroy update': 3 },
          Tasks: [
            {
              Type: 'Edited',
              Name: 'redis',
              Fields: null,
              Annotations: ['forces create/destroy update'],
              Objects: [
                {
                  Type: 'Edited',
                  Name: 'Config',
                  Objects: null,
                  Fields: [f('Edited', 'image', 'redis:2.8', 'redis:7'), f('None', 'port_map[0][db]', '6379', '6379')],
                },
              ],
            },
          ],
        },
      ],
    } as NomadJobDiff;
    const plan = { CreatedEvals: [{ ID: 'e', Status: 'pending', TriggeredBy: 'rolling-update', Wait: 10_000_000_000 }] };
    expect(cli(diff, plan)).toBe(cliText('plan-cli-rolling-update.txt'));
  });

  it('prints nested objects, None fields inside added objects and -verbose (example 4)', () => {
    const add = (Name: string, New: string) => f('Added', Name, '', New);
    const diff = {
      Type: 'Edited',
      ID: 'example',
      TaskGroups: [
        {
          Type: 'Edited',
          Name: 'cache',
          Updates: { 'create/destroy update': 3 },
          Tasks: [
            {
              Type: 'Added',
              Name: 'my-website',
              Annotations: ['forces create/destroy update'],
              Fields: [add('Driver', 'docker'), add('KillTimeout', '5000000000')],
              Objects: [
                { Type: 'Added', Name: 'Config', Fields: [add('image', 'node:6.2'), add('port_map[0][web]', '80')] },
                {
                  Type: 'Added',
                  Name: 'Resources',
                  Fields: [add('CPU', '500'), add('DiskMB', '300'), add('MemoryMB', '256')],
                  Objects: [
                    {
                      Type: 'Added',
                      Name: 'Network',
                      Fields: [add('MBits', '10')],
                      Objects: [{ Type: 'Added', Name: 'Dynamic Port', Fields: [add('Label', 'web')] }],
                    },
                  ],
                },
                { Type: 'Added', Name: 'LogConfig', Fields: [add('MaxFileSizeMB', '10'), add('MaxFiles', '10')] },
                {
                  Type: 'Added',
                  Name: 'Service',
                  Fields: [add('Name', 'website'), add('PortLabel', 'web')],
                  Objects: [
                    {
                      Type: 'Added',
                      Name: 'Check',
                      Fields: [
                        f('None', 'Command', '', ''),
                        add('Interval', '10000000000'),
                        add('Name', 'alive'),
                        f('None', 'Path', '', ''),
                        f('None', 'Protocol', '', ''),
                        add('Timeout', '2000000000'),
                        add('Type', 'tcp'),
                      ],
                    },
                  ],
                },
              ],
            },
            { Type: 'None', Name: 'redis' },
          ],
        },
      ],
    } as NomadJobDiff;
    const plan = { CreatedEvals: [{ ID: 'e', Status: 'pending', TriggeredBy: 'rolling-update', Wait: 10_000_000_000 }] };
    expect(cli(diff, plan, true)).toBe(cliText('plan-cli-verbose-add-task.txt'));
  });

  it('prints a new job (example 1)', () => {
    const diff = {
      Type: 'Added',
      ID: 'example',
      TaskGroups: [{ Type: 'Added', Name: 'cache', Updates: { create: 1 }, Tasks: [{ Type: 'Added', Name: 'redis', Annotations: ['forces create'] }] }],
    } as NomadJobDiff;
    expect(cli(diff, {})).toBe(cliText('plan-cli-new-job.txt'));
  });

  it("prints ALICE's placement failure in the seed's words, biggest counts first", () => {
    const text = formatDryRun({
      FailedTGAllocs: {
        ci: {
          NodesEvaluated: 45,
          NodesFiltered: 6,
          NodesExhausted: 39,
          CoalescedFailures: 9,
          ConstraintFiltered: { '${meta.allow_compilation} = true': 3, '${attr.kernel.name} = linux': 3 },
          DimensionExhausted: { cpu: 6, disk: 9, cores: 24 },
        },
      },
    });
    expect(`Scheduler dry-run:\n${text}`).toBe(readFixture('nomad', 'plan-cli-alice-placement-failure.txt').trimEnd());
  });
});
