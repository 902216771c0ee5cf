// Generated from kb/*.json by `npm run kb:update`. Do not edit.

import type { CatalogueRelease } from './bundled.js'

/** Versions and release dates of the bundled catalogues. */
export const BUNDLED_RELEASES: Readonly<Record<'cwe' | 'capec' | 'attack', CatalogueRelease>> = {
  cwe: {"title":"MITRE Common Weakness Enumeration (CWE)","version":"4.15","released":"2024-07-16","source":"cwe-archive.xml (CWE XML 4.15)"},
  capec: {"title":"MITRE Common Attack Pattern Enumeration and Classification (CAPEC)","version":"3.9","released":null,"source":"capec.json (reference extract of MITRE CAPEC (STIX 2.1 export in github.com/mitre/cti capec/2.1), commit 421deacb7719 \"ATT&CK v18.1 Enterprise\")"},
  attack: {"title":"MITRE ATT&CK Enterprise","version":"18.1","released":"2025-11-13","source":"attack-enterprise.json (reference extract of MITRE ATT&CK Enterprise (STIX 2.1 objects in github.com/mitre/cti enterprise-attack/), commit 421deacb7719 \"ATT&CK v18.1 Enterprise\")"}
}
