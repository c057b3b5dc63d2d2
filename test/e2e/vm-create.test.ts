/**
 * `/ci vm create` end to end: the agent recipe (server, build disk, Nomad client registered), a
 * second create of the same name refused, a build that ends in ERROR, and quota exceeded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, VmWorld } from './vm-helpers.js';
import { eventually } from '../support/eventually.js';

let w: VmWorld;
afterEach(async () => w?.close());

describe('/ci vm create', () => {
  it('creates an agent with its build disk, waits for the Nomad client, and refuses a second create of the name', async () => {
    w = await VmWorld.start({ openstack: { auth: 'application-credential' } });
    await w.type(ALICE, 'vm create alibuild13 --flavor m2.2xlarge --zone cern-geneva-b');
    const plan = await w.waitForMessage((t) => t.includes('Plan: create alibuild13 (m2.2xlarge, 1000 GB io1)'), 'plan');
    const shown = w.text(plan);
    expect(shown).toContain(
      'Nova: create alibuild13: flavor m2.2xlarge, image "ALMA9 - x86_64", zone cern-geneva-b, key alibuild, hostgroup alibuild/mesos/slave',
    );
    expect(shown).toContain('Cinder: create volume alibuild13-store: 1000 GB io1');
    expect(shown).toContain('✅ No server called alibuild13 yet (exact name)');
    expect(w.os.state.server('alibuild13')).toBeUndefined();

    await w.press(BOB, plan, 'Approve');
    const done = await w.waitForMessage((t) => t.includes('Applied: alibuild13 created (m2.2xlarge with a 1000 GB io1 build disk)'), 'created');
    expect(w.text(done)).toContain('Nomad node alibuild13 registered (ready, eligible)');
    const server = w.os.state.server('alibuild13');
    expect(server?.vmState).toBe('active');
    expect(server?.availabilityZone).toBe('cern-geneva-b');
    const volume = w.os.state.volume('alibuild13-store');
    expect(volume?.status).toBe('in-use');
    expect(volume?.attachments[0]?.serverId).toBe(server?.id);
    expect(w.s.nomad.state.node('alibuild13')?.Status).toBe('ready');

    await w.type(ALICE, 'vm create alibuild13 --flavor m2.2xlarge');
    // Answered privately before anything is queued (issue 16.4); the plan's own check stays for a race.
    await eventually(
      () => w.ephemeralsFor(ALICE).find((t) => t.includes('A server called `alibuild13` exists already: pick another name')),
      5_000,
      'second create refused',
    );
    expect(w.osRequests('POST', /^\/compute\/v2\.1\/servers$/)).toBe(1);
  });

  it('matches names exactly: alibuild1 exists (a decoy), alibuild0 does not', async () => {
    w = await VmWorld.start();
    await w.type(ALICE, 'vm create alibuild1 --flavor m2.large');
    await eventually(() => w.ephemeralsFor(ALICE).find((t) => t.includes('A server called `alibuild1` exists already')), 5_000, 'refused');
    await w.type(ALICE, 'vm create alibuild0 --flavor m2.large --volume-gb 0');
    const plan = await w.waitForMessage((t) => t.includes('Plan: create alibuild0 (m2.large)'), 'plan for a new name');
    expect(w.text(plan)).not.toContain('Cinder');
  });

  it("reports BUILD → ERROR with Nova's fault, and creates no volume", async () => {
    w = await VmWorld.start();
    w.os.controls.failNextCreate('alibuild14');
    await w.type(ALICE, 'vm create alibuild14 --flavor m2.2xlarge');
    const plan = await w.waitForMessage((t) => t.includes('Plan: create alibuild14'), 'plan');
    await w.press(BOB, plan, 'Approve');
    const failed = await w.waitForMessage((t) => t.includes('Failed: create alibuild14'), 'failed');
    const shown = w.text(failed);
    expect(shown).toContain('Server alibuild14 went to ERROR: No valid host was found. There are not enough hosts available.');
    expect(shown).toContain('`/ci vm delete alibuild14` removes it');
    expect(w.os.state.server('alibuild14')?.vmState).toBe('error');
    expect(w.os.state.volume('alibuild14-store')).toBeUndefined();
    expect(w.s.nomad.state.node('alibuild14')).toBeUndefined();
  });

  it('turns quota exceeded into a specific message and creates nothing', async () => {
    w = await VmWorld.start();
    const servers = w.os.state.cloud.servers.length;
    w.os.controls.setQuota({ instances: servers });
    await w.type(ALICE, 'vm create alibuild14 --flavor m2.2xlarge');
    const plan = await w.waitForMessage((t) => t.includes('Plan: create alibuild14'), 'plan');
    await w.press(BOB, plan, 'Approve');
    const failed = await w.waitForMessage((t) => t.includes('Failed: create alibuild14'), 'failed');
    expect(w.text(failed)).toContain(
      `Over quota: OpenStack refused to create alibuild14: Quota exceeded for instances: Requested 1, but already used ${servers} of ${servers} instances.`,
    );
    expect(w.os.state.cloud.servers).toHaveLength(servers);
    expect(w.os.state.volume('alibuild14-store')).toBeUndefined();
  });
});
