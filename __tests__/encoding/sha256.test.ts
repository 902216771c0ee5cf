import { createHash } from 'node:crypto'
import { describe, expect, test } from '@jest/globals'
import { sha256Hex } from '../../src/core/encoding/sha256.js'

describe('sha256Hex', () => {
  test('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'
    )
  })

  test('agrees with node:crypto across block boundaries and non-ASCII text', () => {
    const samples = ['é', '漢字🙂', 'rule@T-1+M-2\u0000payments']
    for (let length = 50; length <= 130; length++) samples.push('x'.repeat(length))
    samples.push('a'.repeat(100_000))
    for (const sample of samples) {
      expect(sha256Hex(sample)).toBe(createHash('sha256').update(sample, 'utf8').digest('hex'))
    }
  })
})
