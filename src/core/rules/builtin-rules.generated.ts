// Generated from rules/builtin/**/*.yaml by `npm run generate` (checked by __tests__/rules/builtin-rules.test.ts). Do not edit.
// Each built-in rule as it passed the schema, without its examples, and where its `condition` is.

import type { PreparedRule } from './rule-schema.js'

export const BUILTIN_RULES: readonly PreparedRule[] = [
  {
    "file": "rules/builtin/design-risk/cross-boundary-flow-without-threat.yaml",
    "rule": {
      "id": "cross-boundary-flow-without-threat",
      "title": "Cross-boundary flow with no threat considered",
      "severity": "low",
      "category": "tampering",
      "rationale": "Trust boundaries are where attacks happen: spoofed callers, tampered messages, leaked data. A flow that crosses zones with no threat targeting it was most likely never analysed.",
      "remediation": "Walk the flow through STRIDE and record the threats that apply (targets: [flow-id]); record a not-applicable threat if none does.",
      "false_positives": "Flows covered by threats written against the components at either end; target the flow too.",
      "applies_to": "dataflow",
      "condition": "element.crossesBoundary && size(element.threats) == 0",
      "message": "Flow {{ element.id }} crosses from {{ element.source.zone }} to {{ element.target.zone }} but no threat targets it.",
      "docs": "Fires on flows whose source and target are in different zones and that no threat lists in its\n`targets`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 14,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/design-risk/datastore-flow-without-authorization.yaml",
    "rule": {
      "id": "datastore-flow-without-authorization",
      "title": "Flow to a datastore without authorization",
      "likelihood": "medium",
      "impact": "high",
      "category": "elevation-of-privilege",
      "cwe": [
        "CWE-862"
      ],
      "rationale": "Authentication says who connects; authorization limits what they may read and write. A client with full rights on a datastore turns any flaw in that client into full access to the data.",
      "remediation": "Give each client a least-privilege role on the datastore (per-table grants, bucket policies, row-level security) and record it in `authorization:`.",
      "false_positives": "Single-purpose datastores owned by one service; say so in `authorization:` (e.g. \"owner-only\").",
      "applies_to": "dataflow",
      "condition": "element.target.type in [\"datastore\", \"queue\", \"repository\", \"secrets-store\"] && !element.authorized",
      "message": "Flow {{ element.id }} from {{ element.source.id }} to datastore {{ element.target.id }} states no authorization.",
      "docs": "Fires on flows into a datastore, queue, repository or secrets store without `authorization`\n(missing, `false` or `none`)."
    },
    "severity": "high",
    "conditionPosition": {
      "line": 16,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/design-risk/datastore-reachable-from-untrusted.yaml",
    "rule": {
      "id": "datastore-reachable-from-untrusted",
      "title": "Datastore reachable directly from an untrusted zone",
      "likelihood": "high",
      "impact": "high",
      "category": "information-disclosure",
      "cwe": [
        "CWE-284"
      ],
      "rationale": "A datastore that accepts connections straight from the internet (or another trust-0 zone) has no application layer in front of it to enforce authorization, validate input or rate-limit. Exposed databases and buckets are among the most common causes of bulk data leaks.",
      "remediation": "Put a service in front of the datastore and move the datastore into a trusted zone; allow only that service to connect.",
      "false_positives": "Public object stores serving static public content; classify their assets public and suppress.",
      "applies_to": "component",
      "condition": "element.type in [\"datastore\", \"queue\", \"repository\", \"secrets-store\"] && element.inbound.exists(f, f.source.trust == 0)",
      "elements": "[element.id] + element.inbound.filter(f, f.source.trust == 0).map(f, f.id)",
      "message": "Datastore {{ element.id }} receives flows straight from an untrusted zone: {{ element.inbound.filter(f, f.source.trust == 0).map(f, f.id).join(\", \") }}.",
      "docs": "Fires on datastores, queues, repositories and secrets stores that are the target of a flow whose\nsource sits in a trust-0 zone. The finding names the datastore and those flows."
    },
    "severity": "critical",
    "conditionPosition": {
      "line": 18,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/design-risk/encrypted-flow-over-plaintext-protocol.yaml",
    "rule": {
      "id": "encrypted-flow-over-plaintext-protocol",
      "title": "Flow marked encrypted over a plaintext protocol",
      "severity": "low",
      "category": "information-disclosure",
      "cwe": [
        "CWE-319"
      ],
      "rationale": "A flow that claims `encrypted: true` while naming a cleartext protocol (http, ftp, telnet, ldap, pop3, imap) contradicts itself; one of the two is wrong, and if it is the flag, data is exposed.",
      "remediation": "Name the secure variant (https, sftp/ftps, ssh, ldaps, pop3s, imaps) or set `encrypted: false` and fix the flow.",
      "false_positives": "Plaintext protocols inside an encrypted tunnel (IPsec, WireGuard); name the tunnel in the protocol, e.g. `http-over-wireguard`.",
      "applies_to": "dataflow",
      "condition": "element.encrypted && element.protocol in [\"http\", \"ftp\", \"telnet\", \"ldap\", \"pop3\", \"imap\"]",
      "message": "Flow {{ element.id }} is marked encrypted but uses the plaintext protocol {{ element.protocol }}.",
      "docs": "Fires on flows with `encrypted: true` whose `protocol` (compared in lower case) is http, ftp,\ntelnet, ldap, pop3 or imap."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 16,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/design-risk/flow-bypasses-dmz.yaml",
    "rule": {
      "id": "flow-bypasses-dmz",
      "title": "Flow from the untrusted zone straight into a trusted zone",
      "likelihood": "medium",
      "impact": "high",
      "category": "elevation-of-privilege",
      "cwe": [
        "CWE-923"
      ],
      "rationale": "Layered zones only help if traffic passes through them. A flow that goes from trust 0 straight into a zone of trust 2 or more skips the intermediate layer (DMZ, edge) and its controls, so one flaw in the receiving component exposes the trusted network.",
      "remediation": "Route the flow through a component in an intermediate zone (gateway, proxy, edge service), or move the receiving component into a zone that matches its exposure.",
      "false_positives": "Zone schemes with large trust steps between adjacent layers; renumber trust levels.",
      "applies_to": "dataflow",
      "condition": "element.source.trust == 0 && element.target.trust >= 2",
      "message": "Flow {{ element.id }} goes from untrusted {{ element.source.zone }} straight into {{ element.target.zone }} (trust {{ element.target.trust }}).",
      "docs": "Fires on flows whose source is in a trust-0 zone and whose target is in a zone of trust 2 or\nhigher."
    },
    "severity": "high",
    "conditionPosition": {
      "line": 17,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/design-risk/internet-facing-component-without-threat.yaml",
    "rule": {
      "id": "internet-facing-component-without-threat",
      "title": "Internet-facing component with no threat considered",
      "severity": "medium",
      "rationale": "Internet-facing components carry most of the attack surface. One with no threat against it was not analysed, whatever its controls.",
      "remediation": "Walk the component through STRIDE and record the threats against it (`targets: [id]`).",
      "false_positives": "Components covered by threats targeting their flows only; target the component as well.",
      "applies_to": "component",
      "condition": "element.internetFacing && size(element.threats) == 0",
      "message": "Internet-facing {{ element.id }} has no threat against it.",
      "docs": "Fires on components with `internet_facing: true` that no threat lists in its `targets`."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/design-risk/internet-facing-service-without-gateway.yaml",
    "rule": {
      "id": "internet-facing-service-without-gateway",
      "title": "Internet-facing service without a gateway or WAF in front",
      "severity": "low",
      "category": "denial-of-service",
      "cwe": [
        "CWE-770"
      ],
      "rationale": "A gateway (reverse proxy, API gateway, WAF) in front of internet-facing services centralises TLS, rate limiting, request size limits and virtual patching. Services exposed directly carry all of that themselves, and usually some of it is missing.",
      "remediation": "Route internet traffic through a gateway component (`type: gateway`) and model its flows, or record in the service's description which of those controls it implements itself.",
      "false_positives": "Managed platforms that front every service with their own edge; model that edge as a gateway.",
      "applies_to": "component",
      "condition": "element.internetFacing && element.type in [\"service\", \"process\", \"function\"] && element.inbound.exists(f, f.source.trust == 0 && f.source.type != \"gateway\")",
      "message": "Internet-facing {{ element.id }} receives flows from the untrusted zone with no gateway in front.",
      "docs": "Fires on internet-facing services, processes and functions that receive a flow directly from a\nnon-gateway component in a trust-0 zone."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 17,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/design-risk/internet-facing-without-authentication.yaml",
    "rule": {
      "id": "internet-facing-without-authentication",
      "title": "Internet-facing component accepts unauthenticated flows",
      "likelihood": "high",
      "impact": "medium",
      "category": "spoofing",
      "cwe": [
        "CWE-306"
      ],
      "rationale": "An internet-facing component is reachable by every attacker. Inbound flows without authentication expose its whole functionality to anonymous callers.",
      "remediation": "Require authentication on the inbound flows (sessions, OAuth 2 / OIDC tokens, mTLS) and record it in `authentication:`; keep anonymous access to an explicit, minimal set of endpoints.",
      "false_positives": "Public content and login endpoints; model them as a separate flow and suppress that flow's finding with the reason.",
      "applies_to": "component",
      "condition": "element.internetFacing && element.inbound.exists(f, !f.authenticated)",
      "elements": "[element.id] + element.inbound.filter(f, !f.authenticated).map(f, f.id)",
      "message": "Internet-facing {{ element.id }} accepts unauthenticated flows: {{ element.inbound.filter(f, !f.authenticated).map(f, f.id).join(\", \") }}.",
      "docs": "Fires on components with `internet_facing: true` that are the target of a flow without\nauthentication. The finding names the component and those flows."
    },
    "severity": "high",
    "conditionPosition": {
      "line": 17,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/design-risk/missing-identity-provider.yaml",
    "rule": {
      "id": "missing-identity-provider",
      "title": "Users authenticate, but no identity provider is modelled",
      "severity": "medium",
      "category": "spoofing",
      "cwe": [
        "CWE-287"
      ],
      "rationale": "When users authenticate, credentials, sessions and tokens are issued and checked somewhere. If that identity provider is not in the model, its threats (credential stuffing, token forgery, account recovery abuse) are not either.",
      "remediation": "Add the identity provider as a component (`type: identity-provider`) with its flows, or state in a referenced model where authentication lives.",
      "false_positives": "Identity handled by a platform modelled elsewhere; suppress with a reference to that model.",
      "applies_to": "model",
      "condition": "index.dataflows.exists(f, f.authenticated && f.source.type == \"user\") && !index.components.exists(c, c.type == \"identity-provider\")",
      "message": "Model {{ model.id }} has authenticated user flows ({{ index.dataflows.filter(f, f.authenticated && f.source.type == \"user\").map(f, f.id).join(\", \") }}) but no identity provider.",
      "docs": "Fires on models where a flow from a `user` component states authentication and no component has\n`type: identity-provider`."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 17,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/design-risk/missing-secrets-store.yaml",
    "rule": {
      "id": "missing-secrets-store",
      "title": "Services authenticate, but no secrets store is modelled",
      "severity": "medium",
      "category": "information-disclosure",
      "cwe": [
        "CWE-798"
      ],
      "rationale": "Service-to-service authentication needs credentials: passwords, API keys, client certificates. Without a secrets store in the model, nothing shows where they live, and hard-coded or environment-file secrets go unexamined.",
      "remediation": "Model the secrets store (`type: secrets-store`) and the flows that fetch credentials from it.",
      "false_positives": "Secrets managed by a platform modelled elsewhere; suppress with a reference to that model.",
      "applies_to": "model",
      "condition": "index.dataflows.exists(f, f.authenticated && f.source.type != \"user\") && !index.components.exists(c, c.type == \"secrets-store\")",
      "message": "Model {{ model.id }} has authenticated service flows ({{ index.dataflows.filter(f, f.authenticated && f.source.type != \"user\").map(f, f.id).join(\", \") }}) but no secrets store.",
      "docs": "Fires on models where a flow from a non-user component states authentication and no component\nhas `type: secrets-store`."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 16,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/design-risk/no-repudiation-analysis.yaml",
    "rule": {
      "id": "no-repudiation-analysis",
      "title": "Restricted data handled, but no repudiation threat considered",
      "severity": "low",
      "category": "repudiation",
      "cwe": [
        "CWE-778"
      ],
      "rationale": "Systems handling restricted data must be able to prove who did what (audit trails, tamper- evident logs). A model with no repudiation threat at all suggests logging and accountability were never examined.",
      "remediation": "Add threats of `category: repudiation` for the components handling restricted data, with audit logging mitigations.",
      "false_positives": "Accountability covered by a platform model; reference it and suppress.",
      "applies_to": "model",
      "condition": "index.components.exists(c, c.assets.exists(a, a.classification == \"restricted\")) && !index.threats.exists(t, t.category == \"repudiation\")",
      "message": "Model {{ model.id }} handles restricted data but considers no repudiation threat.",
      "docs": "Fires on models where some component holds a restricted asset and no threat has\n`category: repudiation`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 17,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/design-risk/restricted-data-in-low-trust-zone.yaml",
    "rule": {
      "id": "restricted-data-in-low-trust-zone",
      "title": "Restricted data stored in a low-trust zone",
      "likelihood": "medium",
      "impact": "very-high",
      "category": "information-disclosure",
      "cwe": [
        "CWE-312"
      ],
      "rationale": "Restricted data (card numbers, health records, secrets) belongs behind the most boundaries the system has. Stored in the internet zone or a DMZ (trust ≤ 1), one compromised edge host is enough to reach it.",
      "remediation": "Move the store into a trusted zone reached only through an application service, or stop storing the restricted data there (tokenise it).",
      "false_positives": "Zones whose trust numbering starts higher; the rule treats trust 0 and 1 as low.",
      "applies_to": "component",
      "condition": "element.type in [\"datastore\", \"queue\", \"repository\", \"secrets-store\"] && element.trust >= 0 && element.trust <= 1 && element.assets.exists(a, a.classification == \"restricted\")",
      "message": "{{ element.id }} stores restricted data ({{ element.assets.filter(a, a.classification == \"restricted\").map(a, a.id).join(\", \") }}) in zone {{ element.zone }} (trust {{ element.trust }}).",
      "docs": "Fires on storing components (datastore, queue, repository, secrets-store) in a zone with trust 0\nor 1 that list a restricted asset."
    },
    "severity": "critical",
    "conditionPosition": {
      "line": 18,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/design-risk/restricted-data-to-external.yaml",
    "rule": {
      "id": "restricted-data-to-external",
      "title": "Restricted data sent to an external system",
      "likelihood": "low",
      "impact": "very-high",
      "category": "information-disclosure",
      "cwe": [
        "CWE-200"
      ],
      "rationale": "Restricted data leaving for a third party is outside the team's controls from then on. It needs a contract, a data-processing agreement and usually minimisation; the model should show that someone thought about it.",
      "remediation": "Send only what the partner needs (tokens instead of card numbers), and record the agreement in a threat with an accepted or transferred status and a linked mitigation.",
      "false_positives": "Required transfers to regulated partners (card acquirers, payment processors); record a threat targeting the flow with `status: transferred`, which silences this rule.",
      "applies_to": "dataflow",
      "condition": "element.target.type == \"external\" && element.assets.exists(a, a.classification == \"restricted\") && !element.threats.exists(t, t.status in [\"transferred\", \"accepted\", \"mitigated\"])",
      "message": "Flow {{ element.id }} sends restricted data ({{ element.assets.filter(a, a.classification == \"restricted\").map(a, a.id).join(\", \") }}) to external {{ element.target.id }} with no threat treating the transfer.",
      "docs": "Fires on flows into an `external` component that carry a restricted asset, unless a threat\ntargeting the flow is transferred, accepted or mitigated."
    },
    "severity": "high",
    "conditionPosition": {
      "line": 19,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/design-risk/secrets-store-exposed.yaml",
    "rule": {
      "id": "secrets-store-exposed",
      "title": "Secrets store exposed to the untrusted zone",
      "likelihood": "medium",
      "impact": "very-high",
      "category": "information-disclosure",
      "cwe": [
        "CWE-522"
      ],
      "rationale": "The secrets store holds the keys to everything else. Reachable from the internet, it is one credential-guessing or authentication-bypass bug away from a full compromise.",
      "remediation": "Make the secrets store reachable only from the trusted workloads that need it (private network, workload identity) and remove internet-facing access.",
      "false_positives": "SaaS secret managers reached over the internet with workload identity federation; model the flow's source zone accordingly.",
      "applies_to": "component",
      "condition": "element.type == \"secrets-store\" && (element.internetFacing || element.inbound.exists(f, f.source.trust == 0))",
      "message": "Secrets store {{ element.id }} is reachable from the untrusted zone.",
      "docs": "Fires on components of `type: secrets-store` that are internet-facing or receive a flow from a\ntrust-0 zone."
    },
    "severity": "critical",
    "conditionPosition": {
      "line": 18,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/design-risk/unauthenticated-datastore-access.yaml",
    "rule": {
      "id": "unauthenticated-datastore-access",
      "title": "Unauthenticated access to a datastore",
      "likelihood": "medium",
      "impact": "high",
      "category": "spoofing",
      "cwe": [
        "CWE-306"
      ],
      "rationale": "Datastores that accept connections without credentials (default Redis, open Elasticsearch, anonymous buckets) are read and wiped by anyone who reaches them on the network.",
      "remediation": "Require credentials or mTLS on every connection to the datastore and record the scheme in `authentication:`.",
      "false_positives": "Embedded, in-process stores; model them as part of the component instead.",
      "applies_to": "dataflow",
      "condition": "element.target.type in [\"datastore\", \"queue\", \"repository\", \"secrets-store\"] && !element.authenticated",
      "message": "Flow {{ element.id }} reaches datastore {{ element.target.id }} without authentication.",
      "docs": "Fires on flows into a datastore, queue, repository or secrets store without authentication."
    },
    "severity": "high",
    "conditionPosition": {
      "line": 16,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/design-risk/unauthenticated-flow-into-trusted-zone.yaml",
    "rule": {
      "id": "unauthenticated-flow-into-trusted-zone",
      "title": "Unauthenticated flow into a more trusted zone",
      "likelihood": "high",
      "impact": "medium",
      "category": "spoofing",
      "cwe": [
        "CWE-306"
      ],
      "rationale": "A flow that crosses into a more trusted zone without authentication lets anyone who can reach the source side speak to the trusted side as if they belonged there. Trust boundaries exist to be checked at the crossing.",
      "remediation": "Authenticate the caller at the boundary (mTLS, signed tokens, API keys held in a secrets store) and record the scheme in `authentication:`.",
      "false_positives": "Deliberately public endpoints (a login page, a public status API). Suppress with the reason, or place the receiving component in a zone that matches its exposure.",
      "applies_to": "dataflow",
      "condition": "!element.authenticated && element.source.trust >= 0 && element.target.trust > element.source.trust",
      "message": "Flow {{ element.id }} enters zone {{ element.target.zone }} (trust {{ element.target.trust }}) from {{ element.source.zone }} (trust {{ element.source.trust }}) without authentication.",
      "docs": "Fires on flows without authentication (missing, `none` or `anonymous`) whose target component\nsits in a zone with a higher trust level than the source's zone."
    },
    "severity": "high",
    "conditionPosition": {
      "line": 18,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/design-risk/unauthenticated-path-to-sensitive-datastore.yaml",
    "rule": {
      "id": "unauthenticated-path-to-sensitive-datastore",
      "title": "Sensitive datastore reachable from the untrusted zone without authentication",
      "likelihood": "high",
      "impact": "high",
      "category": "information-disclosure",
      "cwe": [
        "CWE-306"
      ],
      "rationale": "When a chain of flows leads from the internet to a datastore holding confidential or restricted data and no hop on the chain authenticates, an anonymous attacker can drive requests all the way to that data through the intermediate services.",
      "remediation": "Authenticate at least one hop of every path from the untrusted zone to the datastore, preferably the first one, and authorize the data access at the last.",
      "false_positives": "Paths through services that only expose public data derived from the store; classify that output separately and suppress.",
      "applies_to": "component",
      "condition": "element.type in [\"datastore\", \"queue\", \"repository\", \"secrets-store\"] && element.assets.exists(a, classificationRank(a.classification) >= 2) && unauthenticatedPathFromUntrusted(element.id)",
      "message": "{{ element.id }} holds {{ element.assets.filter(a, classificationRank(a.classification) >= 2).map(a, a.id).join(\", \") }} and is reachable from the untrusted zone through flows without any authentication.",
      "docs": "Fires on storing components holding a confidential or restricted asset that can be reached from\na trust-0 component through a path made only of unauthenticated flows (helper\n`unauthenticatedPathFromUntrusted`)."
    },
    "severity": "critical",
    "conditionPosition": {
      "line": 19,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/design-risk/unencrypted-internet-flow.yaml",
    "rule": {
      "id": "unencrypted-internet-flow",
      "title": "Unencrypted flow to or from the internet",
      "likelihood": "high",
      "impact": "low",
      "category": "tampering",
      "cwe": [
        "CWE-319"
      ],
      "rationale": "Anything sent in clear over the internet can be read and rewritten on the way (public Wi-Fi, hostile ISPs, BGP hijacks), whatever its classification: injected scripts and redirects need no secret data.",
      "remediation": "Use TLS for the flow (HTTPS with HSTS, SMTP with STARTTLS enforced, …) and set `encrypted: true`.",
      "false_positives": "Content whose integrity is protected end-to-end by signatures (package repositories); suppress with the reason.",
      "applies_to": "dataflow",
      "condition": "!element.encrypted && (element.source.trust == 0 || element.target.trust == 0)",
      "message": "Flow {{ element.id }} ({{ element.source.id }} → {{ element.target.id }}) crosses the untrusted zone unencrypted.",
      "docs": "Fires on flows that are not `encrypted: true` whose source or target sits in a trust-0 zone."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 17,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/design-risk/unencrypted-sensitive-flow.yaml",
    "rule": {
      "id": "unencrypted-sensitive-flow",
      "title": "Confidential or restricted data on an unencrypted flow",
      "likelihood": "medium",
      "impact": "high",
      "category": "information-disclosure",
      "cwe": [
        "CWE-319"
      ],
      "rationale": "Data in transit without encryption can be read and altered by anyone on the path: other tenants of the network, a compromised host, a misconfigured proxy. For confidential and restricted data that is a direct disclosure risk.",
      "remediation": "Encrypt the flow (TLS with certificate verification, mTLS, or an encrypted tunnel) and set `encrypted: true`.",
      "false_positives": "Flows inside one host (e.g. a Unix socket). Model them as such or suppress with the reason. A flow that does not state `encrypted` counts as unencrypted.",
      "applies_to": "dataflow",
      "condition": "!element.encrypted && element.assets.exists(a, classificationRank(a.classification) >= 2)",
      "message": "Flow {{ element.id }} ({{ element.source.id }} → {{ element.target.id }}) carries {{ element.assets.filter(a, classificationRank(a.classification) >= 2).map(a, a.id).join(\", \") }} without encryption.",
      "docs": "Fires on flows that are not `encrypted: true` and carry an asset classified confidential or\nrestricted. Severity comes from likelihood medium × impact high."
    },
    "severity": "high",
    "conditionPosition": {
      "line": 18,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/acceptance-expired.yaml",
    "rule": {
      "id": "acceptance-expired",
      "title": "Risk acceptance expired",
      "severity": "high",
      "rationale": "Risk acceptances are time-boxed so that they are revisited. Past its expiry date the threat is effectively open and untreated, while the model still reports it as handled.",
      "remediation": "Re-evaluate the threat: renew the acceptance with a new `expires` date and approver, or plan a mitigation and set the status back to `open`.",
      "false_positives": "None: an expired acceptance must be renewed or replaced, even if the decision stays the same.",
      "applies_to": "threat",
      "condition": "element.status == \"accepted\" && element.acceptance.expires != \"\" && element.acceptance.expires < context.today",
      "message": "The acceptance of threat {{ element.id }} expired on {{ element.acceptance.expires }}.",
      "docs": "Fires on accepted threats whose `acceptance.expires` lies before the run's date\n(`context.today`, given by the caller)."
    },
    "severity": "high",
    "conditionPosition": {
      "line": 14,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/model-quality/accepted-threat-without-approver.yaml",
    "rule": {
      "id": "accepted-threat-without-approver",
      "title": "Accepted threat without an approver",
      "severity": "medium",
      "rationale": "Accepting a risk is a business decision that someone accountable must own. An acceptance with no approver cannot be challenged, renewed or audited.",
      "remediation": "Add `acceptance.by:` naming the person or role who accepted the risk.",
      "false_positives": "None expected: a risk acceptance always has an owner.",
      "applies_to": "threat",
      "condition": "element.status == \"accepted\" && element.acceptance.by.trim() == \"\"",
      "message": "Threat {{ element.id }} is accepted, but `acceptance.by` names no approver.",
      "docs": "Fires on threats with `status: accepted` and no `acceptance.by`."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/accepted-threat-without-reason.yaml",
    "rule": {
      "id": "accepted-threat-without-reason",
      "title": "Accepted threat without a reason",
      "severity": "low",
      "rationale": "An acceptance without a reason cannot be re-evaluated when circumstances change: the next reviewer does not know which assumption made the risk tolerable.",
      "remediation": "Add `acceptance.reason:` explaining why the risk is tolerable (exposure, compensating controls, cost of treatment).",
      "false_positives": "None expected.",
      "applies_to": "threat",
      "condition": "element.status == \"accepted\" && element.acceptance.reason.trim() == \"\"",
      "message": "Threat {{ element.id }} is accepted without `acceptance.reason`.",
      "docs": "Fires on threats with `status: accepted` and an empty or missing `acceptance.reason`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 13,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/asset-without-classification.yaml",
    "rule": {
      "id": "asset-without-classification",
      "title": "Asset without a classification",
      "severity": "low",
      "rationale": "Classification drives the design-risk rules (unencrypted confidential flows, restricted data in low-trust zones). An unclassified asset silently escapes them.",
      "remediation": "Set `classification:` to public, internal, confidential or restricted.",
      "false_positives": "None expected.",
      "applies_to": "asset",
      "condition": "element.classification == \"\"",
      "message": "Asset {{ element.id }} has no classification.",
      "docs": "Fires on assets without `classification`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/assumption-expired.yaml",
    "rule": {
      "id": "assumption-expired",
      "title": "Assumption past its expiry date",
      "severity": "medium",
      "rationale": "Assumptions with an expiry date were meant to be revisited. Past that date the threats that rely on the assumption may be rated on a premise that no longer holds.",
      "remediation": "Re-check the assumption and move `expires` forward, or replace it with a threat and mitigation.",
      "false_positives": "None: an expired assumption must be re-confirmed.",
      "applies_to": "assumption",
      "condition": "element.expires != \"\" && element.expires < context.today",
      "message": "Assumption {{ element.id }} expired on {{ element.expires }}.",
      "docs": "Fires on assumptions whose `expires` date lies before the run's date."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/assumption-not-validated.yaml",
    "rule": {
      "id": "assumption-not-validated",
      "title": "Assumption never validated",
      "severity": "low",
      "rationale": "Threat models rest on assumptions (\"the partner validates our certificate\"). An assumption nobody checked is a hidden risk: if it is false, threats rated low may be high.",
      "remediation": "Validate the assumption and set `validated: true`, or turn it into a threat with a mitigation.",
      "false_positives": "Assumptions that cannot be validated by the team; record who owns them and suppress with a reason.",
      "applies_to": "assumption",
      "condition": "!element.validated",
      "message": "Assumption {{ element.id }} has not been validated: \"{{ element.text }}\"",
      "docs": "Fires on assumptions without `validated: true`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/component-in-no-flow.yaml",
    "rule": {
      "id": "component-in-no-flow",
      "title": "Component in no data flow",
      "severity": "low",
      "rationale": "A component that sends and receives nothing is either missing its flows (and so its boundary-crossing threats) or no longer part of the system.",
      "remediation": "Model the flows to and from the component, or remove it. A container whose children carry the flows is fine.",
      "false_positives": "Grouping components whose children carry the flows are ignored, as are retired components.",
      "applies_to": "component",
      "condition": "size(element.inbound) == 0 && size(element.outbound) == 0 && element.lifecycle != \"retired\" && !index.components.exists(c, c.parent == element.id)",
      "message": "Component {{ element.id }} takes part in no data flow.",
      "docs": "Fires on components that are neither source nor target of any flow, have no child components\nand are not retired."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 14,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/model-quality/component-without-owner.yaml",
    "rule": {
      "id": "component-without-owner",
      "title": "Component without an owner",
      "severity": "low",
      "rationale": "Mitigations land on the team that owns a component. Without an owner, tracker issues have no assignee and findings about the component have nobody to act on them.",
      "remediation": "Set `owner:` to the team or person responsible for the component.",
      "false_positives": "Users and external systems are not owned by the team and are ignored by this rule.",
      "applies_to": "component",
      "condition": "element.owner == \"\" && !(element.type in [\"user\", \"external\", \"device\"])",
      "message": "Component {{ element.id }} ({{ element.type }}) has no owner.",
      "docs": "Fires on components of every type except `user`, `external` and `device` that have no `owner`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/component-without-zone.yaml",
    "rule": {
      "id": "component-without-zone",
      "title": "Component in no trust zone",
      "severity": "low",
      "rationale": "Trust zones are how the model expresses boundaries. A component outside every zone has unknown trust, so boundary-crossing and exposure rules cannot judge its flows.",
      "remediation": "Set `zone:` on the component.",
      "false_positives": "None expected once zones are modelled; models without any zone are ignored.",
      "applies_to": "component",
      "condition": "element.zone == \"\" && model.counts.zones > 0",
      "message": "Component {{ element.id }} is in no trust zone.",
      "docs": "Fires on components without `zone` in models that define at least one zone."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/deprecated-capec-id.yaml",
    "rule": {
      "id": "deprecated-capec-id",
      "title": "Deprecated CAPEC id",
      "severity": "low",
      "rationale": "MITRE retires catalogue entries that were duplicates, too broad or wrong. A threat that still cites a deprecated CAPEC entry points readers and tools at guidance that is no longer maintained.",
      "remediation": "Replace the id under `references.capec` with the entry MITRE points to in the retired entry's description.",
      "false_positives": "None once the knowledge base is current. When no catalogue is loaded (a library call that passes none) the rule stays silent.",
      "applies_to": "threat",
      "condition": "element.capec.exists(id, kbStatus(\"capec\", id) in [\"deprecated\", \"obsolete\"])",
      "message": "Threat {{ element.id }} references deprecated CAPEC ids: {{ element.capec.filter(id, kbStatus(\"capec\", id) in [\"deprecated\", \"obsolete\"]).join(\", \") }}.",
      "docs": "Uses the CAPEC catalogue bundled with Threatloop (see kb/README.md), or a newer one named by `knowledge_base.capec` in `.threatloop.yaml`. Fires on threats listing an id under `references.capec` whose\ncatalogue status is deprecated."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 13,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/deprecated-cwe-id.yaml",
    "rule": {
      "id": "deprecated-cwe-id",
      "title": "Deprecated CWE id",
      "severity": "low",
      "rationale": "MITRE retires catalogue entries that were duplicates, too broad or wrong. A threat that still cites a deprecated or obsolete CWE entry points readers and tools at guidance that is no longer maintained.",
      "remediation": "Replace the id under `references.cwe` with the entry MITRE points to in the retired entry's description.",
      "false_positives": "None once the knowledge base is current. When no catalogue is loaded (a library call that passes none) the rule stays silent.",
      "applies_to": "threat",
      "condition": "element.cwe.exists(id, kbStatus(\"cwe\", id) in [\"deprecated\", \"obsolete\"])",
      "message": "Threat {{ element.id }} references deprecated or obsolete CWE ids: {{ element.cwe.filter(id, kbStatus(\"cwe\", id) in [\"deprecated\", \"obsolete\"]).join(\", \") }}.",
      "docs": "Uses the CWE catalogue bundled with Threatloop (see kb/README.md), or a newer one named by `knowledge_base.cwe` in `.threatloop.yaml`. Fires on threats listing an id under `references.cwe` whose\ncatalogue status is deprecated or obsolete."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 13,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/everything-high-priority.yaml",
    "rule": {
      "id": "everything-high-priority",
      "title": "Most prioritised mitigations are high or critical priority",
      "severity": "low",
      "rationale": "When nearly every mitigation is marked high or critical priority, the priority no longer tells anyone what to do first. The whitepaper names this anti-pattern: making everything high priority for fear that mitigations get dismissed as unnecessary. Priorities that follow the risk let the team defer the cheap-to-defer and fund what matters.",
      "remediation": "Re-prioritise the mitigations against the residual risk of the threats they address (and their cost), keeping high and critical for the few that must come first; use `roadmap` (short, mid, long) to say when the rest will happen.",
      "false_positives": "Small models and short lists of genuinely urgent work. The rule needs at least four mitigations with a priority, and ignores mitigations that are already implemented, verified or rejected.",
      "applies_to": "model",
      "condition": "cel.bind(open, index.mitigations.filter(m, m.priority != \"\" && !(m.status in [\"implemented\", \"verified\", \"rejected\"])),\n  size(open) >= 4 && size(open.filter(m, m.priority in [\"high\", \"critical\"])) * 4 > size(open) * 3)",
      "message": "Model {{ model.id }} marks {{ size(index.mitigations.filter(m, m.priority in [\"high\", \"critical\"] && !(m.status in [\"implemented\", \"verified\", \"rejected\"]))) }} of {{ size(index.mitigations.filter(m, m.priority != \"\" && !(m.status in [\"implemented\", \"verified\", \"rejected\"]))) }} open prioritised mitigations high or critical priority; when everything comes first, nothing does.",
      "docs": "Looks at the mitigations still to do (not implemented, verified or rejected) that state a\n`priority`, and fires when there are at least four and more than three quarters of them are\n`high` or `critical`. Threat severity is not involved: a model may honestly record many high\nthreats; what the anti-pattern warns about is the priority of the work against them."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 18,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/model-quality/high-threat-without-detective-control.yaml",
    "rule": {
      "id": "high-threat-without-detective-control",
      "title": "High or critical threat without a detective or corrective control",
      "severity": "medium",
      "rationale": "Preventive controls fail. For the threats that matter most the whitepaper asks for defence in depth across control types: something that notices the attack (detective) or limits and repairs its damage (corrective).",
      "remediation": "Add a mitigation of `type: detective` (alerting, anomaly detection, audit review) or `type: corrective` (revocation, automated rollback) and link it to the threat.",
      "false_positives": "Threats whose preventive control is provably complete (e.g. a vulnerability class removed by the language). Suppress with that reason.",
      "applies_to": "threat",
      "condition": "severityRank(element.severity) >= 3 && element.status in [\"open\", \"mitigated\"] && !element.mitigations.exists(m, m.status != \"rejected\" && m.type in [\"detective\", \"corrective\"])",
      "message": "Threat {{ element.id }} is rated {{ element.severity }} (likelihood × impact) but has no detective or corrective control.",
      "docs": "Fires on open or mitigated threats rated high or critical (qualitative matrix) that link no\ndetective or corrective mitigation other than rejected ones."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 16,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/model-quality/incident-not-linked.yaml",
    "rule": {
      "id": "incident-not-linked",
      "title": "Incident linked to no threat",
      "severity": "medium",
      "rationale": "Incidents are the SecOps feedback loop: each one either confirms a modelled threat or reveals a missing one. An incident linked to no threat shows the model missed something that happened.",
      "remediation": "Link the incident to the threats it realised (`threats: [T-…]`), adding a new threat if none fits.",
      "false_positives": "Incidents outside the scope of this model; move them to the model they belong to.",
      "applies_to": "incident",
      "condition": "size(element.threats) == 0",
      "message": "Incident {{ element.id }} ({{ element.date }}) is linked to no threat.",
      "docs": "Fires on incidents whose `threats` list is empty or missing."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 13,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/incident-on-mitigated-threat.yaml",
    "rule": {
      "id": "incident-on-mitigated-threat",
      "title": "Incident realised a threat the model calls mitigated",
      "severity": "medium",
      "rationale": "If an incident realised a threat that the model marks mitigated or not applicable, the control failed or the rating was wrong. The model should say so rather than keep reporting it as handled.",
      "remediation": "Re-open the threat, review its mitigations (add a detective or corrective control) and re-rate its likelihood with the incident as evidence.",
      "false_positives": "Incidents older than the mitigation; note the mitigation date in the incident summary and suppress.",
      "applies_to": "incident",
      "condition": "element.threats.exists(t, t.status in [\"mitigated\", \"not-applicable\"])",
      "message": "Incident {{ element.id }} realised threats marked mitigated or not applicable: {{ element.threats.filter(t, t.status in [\"mitigated\", \"not-applicable\"]).map(t, t.id).join(\", \") }}.",
      "docs": "Fires on incidents linked to a threat whose status is `mitigated` or `not-applicable`."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 14,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/incident-technique-not-modelled.yaml",
    "rule": {
      "id": "incident-technique-not-modelled",
      "title": "Incident technique not covered by the model",
      "severity": "medium",
      "rationale": "An ATT&CK technique seen in an incident but cited by no threat and detected by no mitigation is a gap the attacker already found. Feeding operations back into the model closes it.",
      "remediation": "Add the technique to the `references.attack` of the threat it realises (or a new threat), and consider a detective mitigation listing it under `detects`.",
      "false_positives": "Techniques incidental to the incident (e.g. generic discovery); cite them on the closest threat.",
      "applies_to": "incident",
      "condition": "element.techniques.exists(t, !index.threats.exists(th, t in th.attack) && !index.mitigations.exists(m, t in m.detects))",
      "message": "Incident {{ element.id }} saw techniques no threat or mitigation covers: {{ element.techniques.filter(t, !index.threats.exists(th, t in th.attack) && !index.mitigations.exists(m, t in m.detects)).join(\", \") }}.",
      "docs": "Fires on incidents listing an ATT&CK technique under `techniques` that no threat cites in\n`references.attack` and no mitigation lists in `detects`."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 14,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/model-quality/mitigated-threat-without-control.yaml",
    "rule": {
      "id": "mitigated-threat-without-control",
      "title": "Threat marked mitigated without a control in place",
      "severity": "medium",
      "rationale": "A threat is mitigated only when a control is in place. Marking it mitigated while its mitigations are merely proposed or planned overstates the security of the system.",
      "remediation": "Set the threat back to `open` until a linked mitigation is implemented, verified or existing, or update the mitigation's status if it is in place.",
      "false_positives": "Controls outside the model; model them as `existing` mitigations.",
      "applies_to": "threat",
      "condition": "element.status == \"mitigated\" && size(element.controls) == 0",
      "message": "Threat {{ element.id }} is marked mitigated, but none of its mitigations is implemented, verified or existing.",
      "docs": "Fires on threats with `status: mitigated` that link no mitigation with status implemented,\nverified or existing."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 13,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/mitigation-without-owner.yaml",
    "rule": {
      "id": "mitigation-without-owner",
      "title": "Pending mitigation without an owner",
      "severity": "low",
      "rationale": "Proposed, planned and in-progress mitigations are work to be done. Without an owner their tracker issues get no assignee and the work tends not to happen.",
      "remediation": "Set `owner:` on the mitigation to the team or person who will implement it.",
      "false_positives": "Mitigations waiting for triage; assign an owner when they are planned.",
      "applies_to": "mitigation",
      "condition": "element.owner == \"\" && element.status in [\"proposed\", \"planned\", \"in-progress\"]",
      "message": "Mitigation {{ element.id }} is {{ element.status }} but has no owner.",
      "docs": "Fires on mitigations with status proposed (the default), planned or in-progress and no `owner`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/mitigation-without-threat.yaml",
    "rule": {
      "id": "mitigation-without-threat",
      "title": "Mitigation linked to no threat",
      "severity": "low",
      "rationale": "A mitigation that no threat links to cannot be traced to a risk it reduces. It is either dead weight in the model or a control whose threat was never written down, and its tracker issue has no severity to prioritise it by.",
      "remediation": "Add the mitigation's id to the `mitigations` list of the threats it addresses, or remove it from the model if it no longer serves one.",
      "false_positives": "Baseline controls kept in the model for completeness (e.g. a company-wide SSO policy). Link them to the threats they cover, or suppress this finding with a reason.",
      "applies_to": "mitigation",
      "condition": "size(element.threats) == 0 && element.status != \"rejected\"",
      "message": "Mitigation {{ element.id }} (\"{{ element.title }}\") is linked to no threat.",
      "docs": "Fires on every mitigation, other than rejected ones, that no threat lists in its `mitigations`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 15,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/mitigation-without-verification.yaml",
    "rule": {
      "id": "mitigation-without-verification",
      "title": "Mitigation without verification criteria",
      "severity": "low",
      "rationale": "The whitepaper asks for mitigations with verifiable criteria: without them nobody can tell when the control is done, tests cannot check it, and \"implemented\" becomes a matter of opinion.",
      "remediation": "Add `verification:` stating an observable check, e.g. \"a replayed token is rejected with 401 in the integration suite\".",
      "false_positives": "Controls inherited from a platform whose verification is documented elsewhere; reference that document in `verification`.",
      "applies_to": "mitigation",
      "condition": "element.verification.trim() == \"\" && element.status != \"rejected\"",
      "message": "Mitigation {{ element.id }} (\"{{ element.title }}\") states no verification criteria.",
      "docs": "Fires on every mitigation, other than rejected ones, with an empty or missing `verification`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 14,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/model-review-stale.yaml",
    "rule": {
      "id": "model-review-stale",
      "title": "Model not reviewed recently",
      "severity": "medium",
      "rationale": "A threat model describes a system that keeps changing. A model whose last review is older than the configured window (`rules.stale_after_days`, default 180 days) has probably drifted from the system it describes.",
      "remediation": "Review the model with the team and set `model.reviewed:` to the review date.",
      "false_positives": "Systems frozen for a long time; raise `rules.stale_after_days` for them.",
      "applies_to": "model",
      "condition": "model.reviewed == \"\" || daysSince(model.reviewed) > context.staleAfterDays",
      "message": "Model {{ model.id }} was last reviewed on {{ model.reviewed == \"\" ? \"no recorded date\" : model.reviewed }}; the review window is {{ context.staleAfterDays }} days.",
      "docs": "Fires when `model.reviewed` is missing or lies more than `context.staleAfterDays` days before the\nrun's date."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 13,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/model-without-owner.yaml",
    "rule": {
      "id": "model-without-owner",
      "title": "Model without an owner",
      "severity": "low",
      "rationale": "Someone has to keep the model alive: review it, triage its findings and renew its acceptances. A model without an owner goes stale.",
      "remediation": "Set `model.owner:` to the team accountable for the system.",
      "false_positives": "None expected.",
      "applies_to": "model",
      "condition": "model.owner == \"\"",
      "message": "Model {{ model.id }} has no owner.",
      "docs": "Fires when the `model` section has no `owner`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/retired-component-in-flow.yaml",
    "rule": {
      "id": "retired-component-in-flow",
      "title": "Retired component still in data flows",
      "severity": "medium",
      "rationale": "A component marked retired should no longer send or receive data. Flows that still reach it are either stale model entries or forgotten systems that keep running without maintenance.",
      "remediation": "Remove the flows (and re-point them at the replacement), or correct the component's lifecycle.",
      "false_positives": "Components being decommissioned with a migration flow; mark them `deprecated` until done.",
      "applies_to": "component",
      "condition": "element.lifecycle == \"retired\" && size(element.inbound) + size(element.outbound) > 0",
      "message": "Component {{ element.id }} is retired but still takes part in flows: {{ element.inbound.map(f, f.id) + element.outbound.map(f, f.id) }}.",
      "docs": "Fires on components with `lifecycle: retired` that are the source or target of a flow."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/revoked-attack-id.yaml",
    "rule": {
      "id": "revoked-attack-id",
      "title": "Revoked or deprecated ATT&CK id",
      "severity": "low",
      "rationale": "MITRE retires catalogue entries that were duplicates, too broad or wrong. A threat that still cites a revoked or deprecated ATT&CK entry points readers and tools at guidance that is no longer maintained.",
      "remediation": "Replace the id under `references.attack` with the entry MITRE points to in the retired entry's description.",
      "false_positives": "None once the knowledge base is current. When no catalogue is loaded (a library call that passes none) the rule stays silent.",
      "applies_to": "threat",
      "condition": "element.attack.exists(id, kbStatus(\"attack\", id) in [\"deprecated\", \"revoked\"])",
      "message": "Threat {{ element.id }} references revoked or deprecated ATT&CK ids: {{ element.attack.filter(id, kbStatus(\"attack\", id) in [\"deprecated\", \"revoked\"]).join(\", \") }}.",
      "docs": "Uses the ATT&CK catalogue bundled with Threatloop (see kb/README.md), or a newer one named by `knowledge_base.attack` in `.threatloop.yaml`. Fires on threats listing an id under `references.attack` whose\ncatalogue status is revoked or deprecated."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 13,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/sensitive-asset-without-owner.yaml",
    "rule": {
      "id": "sensitive-asset-without-owner",
      "title": "Confidential or restricted asset without an owner",
      "severity": "low",
      "rationale": "Confidential and restricted data need a data owner who decides on access, retention and incident handling.",
      "remediation": "Set `owner:` on the asset.",
      "false_positives": "None expected.",
      "applies_to": "asset",
      "condition": "classificationRank(element.classification) >= 2 && element.owner == \"\"",
      "message": "Asset {{ element.id }} is {{ element.classification }} but has no owner.",
      "docs": "Fires on assets classified confidential or restricted without `owner`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/suppression-expired.yaml",
    "rule": {
      "id": "suppression-expired",
      "title": "Suppression expired",
      "severity": "medium",
      "rationale": "Suppressions silence findings for a limited time so the decision is revisited. Once expired the suppression no longer silences anything, and the stale entry should be renewed or removed.",
      "remediation": "Renew the suppression with a new `expires` date and approver, or delete it and fix the finding.",
      "false_positives": "None: renew or remove the entry even if the decision stands.",
      "applies_to": "suppression",
      "condition": "element.expires != \"\" && element.expires < context.today",
      "message": "The suppression of rule {{ element.rule }} for {{ element.target }} expired on {{ element.expires }}.",
      "docs": "Fires on entries under `suppressions` whose `expires` date lies before the run's date. The\nexpired entry silences nothing, so the original finding is reported too."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/suppression-rule-not-suppressible.yaml",
    "rule": {
      "id": "suppression-rule-not-suppressible",
      "title": "Suppression names a rule that cannot be suppressed",
      "severity": "medium",
      "rationale": "Some findings cannot be silenced from a model: code drift (`code-changed-model-untouched`) belongs to one change rather than to the model, so a suppression of it silences nothing, and the entry suggests a decision that has no effect.",
      "remediation": "Remove the entry and follow the rule's own page: for code drift, touch the model file in the change that needs no update of the model, narrow the component's `code:` globs, or list the rule under `rules.disable` in `.threatloop.yaml`.",
      "false_positives": "None: the entry silences nothing.",
      "applies_to": "suppression",
      "condition": "ruleExists(element.rule) && !ruleSuppressible(element.rule)",
      "message": "The suppression for {{ element.target }} names rule `{{ element.rule }}`, whose findings a model's suppressions cannot silence; see the rule's page for what to do instead.",
      "docs": "Fires on entries under `suppressions` whose `rule` is a rule that exists but whose findings a\nmodel's suppressions do not apply to: today only the review-level rule\n[`code-changed-model-untouched`](code-changed-model-untouched.md). Suppressions naming an id that\nis no rule at all are reported by [`suppression-unknown-rule`](suppression-unknown-rule.md)."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 15,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/suppression-unknown-rule.yaml",
    "rule": {
      "id": "suppression-unknown-rule",
      "title": "Suppression names an unknown rule",
      "severity": "medium",
      "rationale": "A suppression for a rule id that does not exist silences nothing. It is usually a typo, and the finding it was meant to silence is still reported.",
      "remediation": "Correct the `rule` id of the suppression (see the rule list), or remove the entry.",
      "false_positives": "Suppressions for custom rules that are not loaded in this run.",
      "applies_to": "suppression",
      "condition": "!ruleExists(element.rule)",
      "message": "The suppression for {{ element.target }} names unknown rule `{{ element.rule }}`.",
      "docs": "Fires on entries under `suppressions` whose `rule` is not the id of a loaded rule (built-in or\ncustom, enabled or disabled) nor of a review-level rule (see the rule list). A suppression of a\nrule that exists but cannot be suppressed is reported by\n[`suppression-rule-not-suppressible`](suppression-rule-not-suppressible.md)."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/suppression-without-approval.yaml",
    "rule": {
      "id": "suppression-without-approval",
      "title": "Suppression without reason or approver",
      "severity": "low",
      "rationale": "A suppression is a risk decision. Without a reason and an approver nobody can tell why a finding is hidden or who agreed to it.",
      "remediation": "Add `reason:` and `approved_by:` to the suppression.",
      "false_positives": "None: every suppression is a recorded decision.",
      "applies_to": "suppression",
      "condition": "element.reason.trim() == \"\" || element.approvedBy.trim() == \"\"",
      "message": "The suppression of rule {{ element.rule }} for {{ element.target }} lacks {{ element.reason.trim() == \"\" ? \"a reason\" : \"an approver\" }}.",
      "docs": "Fires on entries under `suppressions` with an empty or missing `reason` or `approved_by`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/threat-without-category.yaml",
    "rule": {
      "id": "threat-without-category",
      "title": "Threat without a category",
      "severity": "low",
      "rationale": "A STRIDE (or LINDDUN) category makes coverage visible: without it nobody can see that, say, no repudiation threat was considered, and reports cannot group threats.",
      "remediation": "Set `category:` to one of spoofing, tampering, repudiation, information-disclosure, denial-of-service, elevation-of-privilege (or a LINDDUN category).",
      "false_positives": "Threats that fit no category well; pick the closest one.",
      "applies_to": "threat",
      "condition": "element.category == \"\"",
      "message": "Threat {{ element.id }} (\"{{ element.title }}\") has no category.",
      "docs": "Fires on threats without `category`, whatever their status."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 13,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/threat-without-mitigation.yaml",
    "rule": {
      "id": "threat-without-mitigation",
      "title": "Open threat without a mitigation",
      "severity": "medium",
      "tags": [
        "model-quality"
      ],
      "rationale": "A threat that is open, not accepted and linked to no mitigation (or only to rejected ones) is a known risk with no plan. The whitepaper puts mitigations at the core of a threat model: every threat either gets a control or an explicit, approved decision not to treat it.",
      "remediation": "Link a mitigation (`mitigations: [M-…]`) that addresses the threat, or record the decision: `status: accepted` with `acceptance: { by, reason, expires }`, `transferred` or `not-applicable`.",
      "false_positives": "Threats captured during a workshop and not yet triaged. Give them a proposed mitigation or mark them accepted with an expiry rather than leaving them open.",
      "applies_to": "threat",
      "condition": "element.status == \"open\" && !element.mitigations.exists(m, m.status != \"rejected\")",
      "message": "Threat {{ element.id }} (\"{{ element.title }}\") is open with no mitigation linked (rejected ones do not count).",
      "docs": "Fires on every threat whose `status` is `open` (or unset) and that links no mitigation other\nthan rejected ones. Accepted, transferred, mitigated and not-applicable threats are left alone."
    },
    "severity": "medium",
    "conditionPosition": {
      "line": 17,
      "column": 1
    }
  },
  {
    "file": "rules/builtin/model-quality/threat-without-rating.yaml",
    "rule": {
      "id": "threat-without-rating",
      "title": "Threat without a risk rating",
      "severity": "low",
      "rationale": "Without likelihood and impact (or FAIR ranges) a threat has no severity: it cannot be prioritised, gates cannot react to it, and it is left out of risk totals as \"unrated\".",
      "remediation": "Add `likelihood:` and `impact:` (very-low … very-high), a rating the risk engine reads under `risk` (cvss, owasp, bugbar, threagile, dread), or FAIR inputs under `risk.fair`.",
      "false_positives": "Threats marked `not-applicable` are ignored. A threat with any rating the risk engine reads (for example `risk.threagile` or `risk.bugbar` from an imported model) is rated.",
      "applies_to": "threat",
      "condition": "element.severity == \"unrated\" && !element.quantified && element.status != \"not-applicable\"",
      "message": "Threat {{ element.id }} (\"{{ element.title }}\") has no risk rating (no likelihood and impact, imported rating or FAIR inputs).",
      "docs": "Fires on threats the risk engine cannot rate: no `likelihood` and `impact` (directly or under\n`risk`), no imported rating (`risk.cvss`, `risk.owasp`, `risk.bugbar`, `risk.threagile`,\n`risk.dread`) and no FAIR inputs, unless the threat is `not-applicable`."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 14,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/threat-without-target.yaml",
    "rule": {
      "id": "threat-without-target",
      "title": "Threat without a target",
      "severity": "low",
      "rationale": "A threat that names no component, flow, asset or zone floats free of the architecture: it cannot show up in the diagram, in per-component views, or in design-risk rules about coverage.",
      "remediation": "List the elements the threat is against under `targets:`.",
      "false_positives": "Organisation-wide threats; target the zone or the main component they concern.",
      "applies_to": "threat",
      "condition": "size(element.targets) == 0",
      "message": "Threat {{ element.id }} (\"{{ element.title }}\") names no target.",
      "docs": "Fires on threats whose `targets` list is empty or missing."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/unknown-attack-id.yaml",
    "rule": {
      "id": "unknown-attack-id",
      "title": "Unknown ATT&CK id",
      "severity": "low",
      "rationale": "A reference to a ATT&CK id that the catalogue does not hold is a typo or an invented id. It breaks links in reports and hides which weakness or technique the threat is really about.",
      "remediation": "Correct the id under `references.attack` of the threat, or remove it. Look ids up in the official MITRE catalogue.",
      "false_positives": "Ids newer than the loaded catalogue; update the knowledge base. When no catalogue is loaded (a library call that passes none), the rule stays silent (the schema still checks the id format).",
      "applies_to": "threat",
      "condition": "element.attack.exists(id, kbStatus(\"attack\", id) == \"unknown\")",
      "message": "Threat {{ element.id }} references ATT&CK ids the catalogue does not know: {{ element.attack.filter(id, kbStatus(\"attack\", id) == \"unknown\").join(\", \") }}.",
      "docs": "Uses the ATT&CK catalogue bundled with Threatloop (see kb/README.md), or a newer one named by `knowledge_base.attack` in `.threatloop.yaml`. Fires on threats\nlisting an id under `references.attack` that the loaded catalogue does not contain. When the\ncatalogue is not loaded, `kbStatus` answers `unknown-kb` and the rule does not fire."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 14,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/unknown-capec-id.yaml",
    "rule": {
      "id": "unknown-capec-id",
      "title": "Unknown CAPEC id",
      "severity": "low",
      "rationale": "A reference to a CAPEC id that the catalogue does not hold is a typo or an invented id. It breaks links in reports and hides which weakness or technique the threat is really about.",
      "remediation": "Correct the id under `references.capec` of the threat, or remove it. Look ids up in the official MITRE catalogue.",
      "false_positives": "Ids newer than the loaded catalogue; update the knowledge base. When no catalogue is loaded (a library call that passes none), the rule stays silent (the schema still checks the id format).",
      "applies_to": "threat",
      "condition": "element.capec.exists(id, kbStatus(\"capec\", id) == \"unknown\")",
      "message": "Threat {{ element.id }} references CAPEC ids the catalogue does not know: {{ element.capec.filter(id, kbStatus(\"capec\", id) == \"unknown\").join(\", \") }}.",
      "docs": "Uses the CAPEC catalogue bundled with Threatloop (see kb/README.md), or a newer one named by `knowledge_base.capec` in `.threatloop.yaml`. Fires on threats\nlisting an id under `references.capec` that the loaded catalogue does not contain. When the\ncatalogue is not loaded, `kbStatus` answers `unknown-kb` and the rule does not fire."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 14,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/unknown-cwe-id.yaml",
    "rule": {
      "id": "unknown-cwe-id",
      "title": "Unknown CWE id",
      "severity": "low",
      "rationale": "A reference to a CWE id that the catalogue does not hold is a typo or an invented id. It breaks links in reports and hides which weakness or technique the threat is really about.",
      "remediation": "Correct the id under `references.cwe` of the threat, or remove it. Look ids up in the official MITRE catalogue.",
      "false_positives": "Ids newer than the loaded catalogue; update the knowledge base. When no catalogue is loaded (a library call that passes none), the rule stays silent (the schema still checks the id format).",
      "applies_to": "threat",
      "condition": "element.cwe.exists(id, kbStatus(\"cwe\", id) == \"unknown\")",
      "message": "Threat {{ element.id }} references CWE ids the catalogue does not know: {{ element.cwe.filter(id, kbStatus(\"cwe\", id) == \"unknown\").join(\", \") }}.",
      "docs": "Uses the CWE catalogue bundled with Threatloop (see kb/README.md), or a newer one named by `knowledge_base.cwe` in `.threatloop.yaml`. Fires on threats\nlisting an id under `references.cwe` that the loaded catalogue does not contain. When the\ncatalogue is not loaded, `kbStatus` answers `unknown-kb` and the rule does not fire."
    },
    "severity": "low",
    "conditionPosition": {
      "line": 14,
      "column": 12
    }
  },
  {
    "file": "rules/builtin/model-quality/unused-asset.yaml",
    "rule": {
      "id": "unused-asset",
      "title": "Asset stored, processed and carried nowhere",
      "severity": "info",
      "rationale": "An asset that no component holds and no flow carries is invisible to every data-protection rule; usually a component's `assets` or a flow's `assets` list is missing it.",
      "remediation": "Add the asset to the components that store or process it and to the flows that carry it.",
      "false_positives": "Assets listed for documentation only.",
      "applies_to": "asset",
      "condition": "size(element.components) == 0 && size(element.dataflows) == 0",
      "message": "Asset {{ element.id }} is held by no component and carried by no flow.",
      "docs": "Fires on assets that appear in no component's `assets` and no flow's `assets`."
    },
    "severity": "info",
    "conditionPosition": {
      "line": 12,
      "column": 12
    }
  }
]
