/** Every verbatim upstream sample in test/fixtures/openstack must parse with our schema for it. */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as requests from '../../sim/openstack/requests.js';
import { CinderAttachment, CinderVolumeList, CinderVolumeShow, CinderVolumeSummaryList } from '../../src/openstack/schemas/cinder.js';
import { GlanceImage, GlanceImageList } from '../../src/openstack/schemas/glance.js';
import { KeystoneCatalog, KeystoneToken } from '../../src/openstack/schemas/keystone.js';
import * as nova from '../../src/openstack/schemas/nova.js';
import { listFixtures, readJsonFixture } from '../support/reference.js';

const SCHEMAS: Record<string, z.ZodType> = {
  'cinder-attachment-create-req.json': requests.CinderAttachmentCreateRequest,
  'cinder-attachment-create-resp.json': CinderAttachment,
  'cinder-volume-create-req.json': requests.CinderVolumeCreateRequest,
  'cinder-volume-create-resp-v3.65.json': CinderVolumeShow,
  'cinder-volume-create-resp.json': CinderVolumeShow,
  'cinder-volume-show-resp-v3.65.json': CinderVolumeShow,
  'cinder-volume-show-resp.json': CinderVolumeShow,
  'cinder-volumes-list-detailed-resp-v3.65.json': CinderVolumeList,
  'cinder-volumes-list-resp.json': CinderVolumeSummaryList,
  'glance-image-show-resp.json': GlanceImage,
  'glance-images-list-resp.json': GlanceImageList,
  'keystone-auth-appcred-id-req.json': requests.KeystoneAuthRequest,
  'keystone-auth-appcred-name-req.json': requests.KeystoneAuthRequest,
  'keystone-auth-appcred-resp.json': KeystoneToken,
  'keystone-auth-password-project-id-req.json': requests.KeystoneAuthRequest,
  'keystone-auth-password-project-name-req.json': requests.KeystoneAuthRequest,
  'keystone-auth-password-project-scoped-resp.json': KeystoneToken,
  'keystone-auth-password-unscoped-user-name-domain-req.json': requests.KeystoneAuthRequest,
  'keystone-get-catalog-resp.json': KeystoneCatalog,
  'keystone-token-catalog-resp.json': KeystoneToken,
  'nova-attach-volume-req.json': requests.NovaVolumeAttachRequest,
  'nova-attach-volume-resp.json': nova.NovaVolumeAttachmentShow,
  'nova-flavors-detail-resp-v2.102.json': nova.NovaFlavorList,
  'nova-flavors-detail-resp.json': nova.NovaFlavorList,
  'nova-flavors-list-resp.json': nova.NovaFlavorSummaryList,
  'nova-images-list-resp.json': nova.NovaImageSummaryList,
  'nova-instance-action-get-resp-v2.84.json': nova.NovaInstanceActionShow,
  'nova-instance-actions-list-resp-v2.84.json': nova.NovaInstanceActionList,
  'nova-list-volume-attachments-resp-v2.101.json': nova.NovaVolumeAttachmentList,
  'nova-list-volume-attachments-resp.json': nova.NovaVolumeAttachmentList,
  'nova-server-action-reboot-req.json': requests.NovaServerActionRequest,
  'nova-server-action-rebuild-req-v2.100.json': requests.NovaServerActionRequest,
  'nova-server-action-rebuild-req.json': requests.NovaServerActionRequest,
  'nova-server-action-rebuild-resp-v2.100.json': nova.NovaRebuiltServer,
  'nova-server-action-rebuild-resp.json': nova.NovaRebuiltServer,
  'nova-server-create-req-bdm-v2.67.json': requests.NovaServerCreateRequest,
  'nova-server-create-req-v2.100.json': requests.NovaServerCreateRequest,
  'nova-server-create-req.json': requests.NovaServerCreateRequest,
  'nova-server-create-resp-v2.67.json': nova.NovaCreatedServer,
  'nova-server-create-resp.json': nova.NovaCreatedServer,
  'nova-server-get-resp-v2.100.json': nova.NovaServerShow,
  'nova-server-get-resp.json': nova.NovaServerShow,
  'nova-servers-detail-resp-v2.100.json': nova.NovaServerList,
  'nova-servers-detail-resp.json': nova.NovaServerList,
  'nova-servers-list-resp.json': nova.NovaServerSummaryList,
  'nova-v21-version-get-resp.json': nova.NovaVersionShow,
  'nova-versions-get-resp.json': nova.NovaVersionList,
};

const fixtures = listFixtures('openstack', '.json');

describe('OpenStack fixtures', () => {
  it('has a schema for every JSON fixture', () => {
    expect(fixtures.filter((f) => !(f in SCHEMAS))).toEqual([]);
  });

  it.each(fixtures)('%s parses', (file) => {
    const schema = SCHEMAS[file] as z.ZodType;
    const result = schema.safeParse(readJsonFixture('openstack', file));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('keeps the fields we rely on', () => {
    const server = nova.NovaServerShow.parse(readJsonFixture('openstack', 'nova-server-get-resp.json')).server;
    expect(server['OS-EXT-STS:task_state']).toBeNull();
    expect(server['os-extended-volumes:volumes_attached']?.map((v) => v.id)).toEqual(['volume_id1', 'volume_id2']);
    const token = KeystoneToken.parse(readJsonFixture('openstack', 'keystone-token-catalog-resp.json')).token;
    expect(token.expires_at).toBe('2015-11-07T02:58:43.578887Z');
    expect(token.catalog?.map((s) => s.type)).toContain('volumev2');
  });

  it('rejects a body missing a required key, naming it', () => {
    const bad = nova.NovaServer.safeParse({ id: 'x', name: 'y', status: 'ACTIVE', flavor: { id: '1' }, image: '' });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toContain('OS-EXT-STS:vm_state');
  });
});
