import { describe, expect, test } from 'vitest';
import { metricsAccess } from './metrics-route.ts';

const TOKEN = 'a-metrics-token-of-some-length';

describe('who may read /metrics', () => {
  test.each([
    ['127.0.0.1', 'allowed'],
    ['127.3.4.5', 'allowed'],
    ['::1', 'allowed'],
    ['::ffff:127.0.0.1', 'allowed'],
    ['10.0.0.7', 'not from here'],
    ['::ffff:192.168.1.20', 'not from here'],
    ['fe80::1', 'not from here'],
    [undefined, 'not from here'],
  ])('without a token, from %s: %s', (address, access) => {
    expect(metricsAccess({ address, authorization: undefined }, undefined)).toBe(access);
  });

  test.each([
    [`Bearer ${TOKEN}`, '10.0.0.7', 'allowed'],
    [undefined, '127.0.0.1', 'needs token'],
    ['Bearer a-metrics-token-of-some-lengt', '10.0.0.7', 'needs token'],
    [`Bearer ${TOKEN}x`, '10.0.0.7', 'needs token'],
    [`Basic ${TOKEN}`, '10.0.0.7', 'needs token'],
    [TOKEN, '10.0.0.7', 'needs token'],
  ])('with a token, %s from %s: %s', (authorization, address, access) => {
    expect(metricsAccess({ address, authorization }, TOKEN)).toBe(access);
  });
});
