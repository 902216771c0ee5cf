import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import { loadKnowledgeBase } from '../../src/core/kb/load-knowledge-base.js'
import { KB_NOT_LOADED, KB_UNKNOWN_ID, knowledgeName, knowledgeStatus } from '../../src/core/kb/knowledge-base.js'

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/stix/${name}`, import.meta.url), 'utf8')
const ATTACK = fixture('attack-enterprise-mini.json')
const CAPEC = fixture('capec-mini.json')
const CWE_XML = [
  '<Weakness_Catalog Name="CWE" Version="4.15" Date="2024-07-16">',
  '<Weaknesses><Weakness ID="319" Name="Cleartext Transmission of Sensitive Information" Status="Draft"/>',
  '<Weakness ID="132" Name="DEPRECATED: Miscalculated Null Termination" Status="Deprecated"/></Weaknesses>',
  '</Weakness_Catalog>'
].join('\n')

describe('loadKnowledgeBase', () => {
  test('answers the rules engine’s status questions for all three catalogues', () => {
    const { knowledgeBase, versions, problems } = loadKnowledgeBase({
      cwe: { file: 'kb/cwe.xml', text: CWE_XML },
      capec: { file: 'kb/capec.json', text: CAPEC },
      attack: { file: 'kb/attack.json', text: ATTACK }
    })
    expect(problems).toEqual([])
    expect(versions).toEqual({ cwe: '4.15', capec: '3.9', attack: '18.1' })
    expect(knowledgeStatus(knowledgeBase, 'cwe', 'CWE-319')).toBe('draft')
    expect(knowledgeStatus(knowledgeBase, 'cwe', 'CWE-132')).toBe('deprecated')
    expect(knowledgeStatus(knowledgeBase, 'cwe', 'CWE-4242')).toBe(KB_UNKNOWN_ID)
    expect(knowledgeStatus(knowledgeBase, 'capec', 'CAPEC-56')).toBe('deprecated')
    expect(knowledgeStatus(knowledgeBase, 'capec', 'CAPEC-66')).toBe('draft')
    expect(knowledgeStatus(knowledgeBase, 'attack', 'T1002')).toBe('revoked')
    expect(knowledgeStatus(knowledgeBase, 'attack', 'T1026')).toBe('deprecated')
    expect(knowledgeStatus(knowledgeBase, 'attack', 'T1550.004')).toBe('active')
    expect(knowledgeName(knowledgeBase, 'attack', 'TA0001')).toBe('Initial Access')
  })

  test('a catalogue that fails to load stays "not loaded" and its problems are returned', () => {
    const { knowledgeBase, problems } = loadKnowledgeBase({
      capec: { file: 'kb/capec.json', text: '{"type": "bundle", "objects": [' },
      attack: { file: 'kb/attack.json', text: ATTACK }
    })
    expect(problems).toEqual([expect.objectContaining({ file: 'kb/capec.json', code: 'kb/invalid-json' })])
    expect(knowledgeStatus(knowledgeBase, 'capec', 'CAPEC-66')).toBe(KB_NOT_LOADED)
    expect(knowledgeStatus(knowledgeBase, 'cwe', 'CWE-79')).toBe(KB_NOT_LOADED)
    expect(knowledgeStatus(knowledgeBase, 'attack', 'T1190')).toBe('active')
  })
})
