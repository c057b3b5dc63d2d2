import { describe, expect, it } from 'vitest';
import { consulSettingsFromEnv } from '../../src/consul/index.js';
import { ErrorCode } from '../../src/errors.js';

describe('Consul settings from the environment, like the consul CLI', () => {
  it('defaults to http://127.0.0.1:8500 with no token and a short timeout', () => {
    const s = consulSettingsFromEnv({});
    expect(s.address).toBe('http://127.0.0.1:8500');
    expect(s.token).toBeUndefined();
    expect(s.timeoutMs).toBe(5_000);
    expect(s.tls).toEqual({});
  });

  it('takes host:port without a scheme, and CONSUL_HTTP_SSL=true makes it https', () => {
    expect(consulSettingsFromEnv({ CONSUL_HTTP_ADDR: 'alimesos01.cern.ch:8500' }).address).toBe('http://alimesos01.cern.ch:8500');
    expect(consulSettingsFromEnv({ CONSUL_HTTP_ADDR: 'localhost:8500', CONSUL_HTTP_SSL: 'true' }).address).toBe('https://localhost:8500');
    expect(consulSettingsFromEnv({ CONSUL_HTTP_ADDR: 'http://localhost:8500', CONSUL_HTTP_SSL: '1' }).address).toBe('https://localhost:8500');
    expect(consulSettingsFromEnv({ CONSUL_HTTP_ADDR: 'https://aliconsul.cern.ch:443/' }).address).toBe('https://aliconsul.cern.ch:443');
  });

  it('reads the token, the certificates and the server name of seed 000', () => {
    const s = consulSettingsFromEnv({
      CONSUL_HTTP_ADDR: 'https://localhost:8500',
      CONSUL_HTTP_TOKEN: '6f1c0a77-consul-token',
      CONSUL_CACERT: '/etc/ca.crt',
      CONSUL_CLIENT_CERT: '/home/op/cert.pem',
      CONSUL_CLIENT_KEY: '/home/op/key.pem',
      CONSUL_TLS_SERVER_NAME: 'alimesos01.cern.ch',
      CONSUL_HTTP_SSL_VERIFY: 'false',
    });
    expect(s.token).toBe('6f1c0a77-consul-token');
    expect(s.tls).toEqual({
      caCert: '/etc/ca.crt',
      clientCert: '/home/op/cert.pem',
      clientKey: '/home/op/key.pem',
      serverName: 'alimesos01.cern.ch',
      skipVerify: true,
    });
  });

  it('lets the environment override the base settings and ignores empty variables', () => {
    const s = consulSettingsFromEnv({ CONSUL_HTTP_TOKEN: '', CONSUL_HTTP_ADDR: 'a:1' }, { address: 'http://b:2', token: 'from-config', timeoutMs: 700 });
    expect(s).toMatchObject({ address: 'http://a:1', token: 'from-config', timeoutMs: 700 });
  });

  it('refuses a non-boolean CONSUL_HTTP_SSL and unix sockets with a config error', () => {
    expect(() => consulSettingsFromEnv({ CONSUL_HTTP_SSL: 'yes' })).toThrow(
      expect.objectContaining({ code: ErrorCode.ConfigInvalid, message: expect.stringContaining('CONSUL_HTTP_SSL') }),
    );
    expect(() => consulSettingsFromEnv({ CONSUL_HTTP_ADDR: 'unix:///var/run/consul.sock' })).toThrow(/unix sockets are not supported/);
  });
});
