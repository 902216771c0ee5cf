// Generated from rules/maturity/*.yaml by `npm run generate` (checked by __tests__/maturity/generated.test.ts). Do not edit.
// Each maturity category as it passed the schema, and where its checks and `assessed_when` are.

import type { PreparedCategory } from './maturity-schema.js'

export const EMBEDDED_MATURITY_CATEGORIES: readonly PreparedCategory[] = [
  {
    "file": "rules/maturity/architecture.yaml",
    "category": {
      "id": "architecture",
      "title": "Architecture system modelling",
      "seed": {
        "1": "A drawing of the system, even on a whiteboard, that shows the key external interactors, some basic classification and the right context.",
        "2": "A tool or simple language captures the system statically, with trust boundaries, the security tooling it relies on (identity, secrets management) and the common criteria it must meet.",
        "3": "The model is assembled from reusable, self-contained templates and layered views that show the system top-down, its dependencies and its business flows.",
        "4": "Several associated models describe the system, each accounting for its context (infrastructure, application, data), in views at several levels of detail."
      },
      "interpretation": "A template counts at level 3 only when it resolves (it names a reviewed model file, a model id or a catalogue entry) and is used (some threat names it as its origin). Layers count when the model nests components or links related models.",
      "levels": {
        "1": [
          {
            "id": "own-component",
            "evidence": "model",
            "explanation": "the model has at least one component of its own (not a user or external entity)",
            "condition": "index.components.exists(c, !(c.type in [\"user\", \"external\"]))"
          },
          {
            "id": "external-entity",
            "evidence": "model",
            "explanation": "at least one user or external entity is modelled",
            "condition": "index.components.exists(c, c.type in [\"user\", \"external\"])"
          },
          {
            "id": "data-flow",
            "evidence": "model",
            "explanation": "at least one data flow is modelled",
            "condition": "model.counts.dataflows > 0"
          }
        ],
        "2": [
          {
            "id": "zones-defined",
            "evidence": "model",
            "explanation": "trust zones (boundaries) are defined",
            "condition": "model.counts.zones > 0"
          },
          {
            "id": "zoned",
            "evidence": "model",
            "explanation": "at least {threshold} % of components sit in a trust zone",
            "scope": "index.components.map(c, c.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.components.filter(c, c.zone == \"\").map(c, c.id)"
          },
          {
            "id": "identity-and-secrets",
            "evidence": "model",
            "explanation": "identity and secrets handling is modelled (identity provider and secrets store, or authentication on every cross-zone flow)",
            "condition": "(index.components.exists(c, c.type == \"identity-provider\") && index.components.exists(c, c.type == \"secrets-store\")) || (index.dataflows.exists(f, f.crossesBoundary) && index.dataflows.all(f, !f.crossesBoundary || f.authenticated))",
            "offenders": "index.dataflows.filter(f, f.crossesBoundary && !f.authenticated).map(f, f.id)"
          }
        ],
        "3": [
          {
            "id": "reuse",
            "evidence": "model",
            "explanation": "the model builds on a template that exists and is used, or is split into layers (nested components or linked models)",
            "condition": "size(context.templates.used) > 0 || size(model.related) > 0 || index.components.exists(c, c.parent != \"\")"
          },
          {
            "id": "use-cases",
            "evidence": "model",
            "explanation": "business flows or use cases are documented (model.business.use_cases)",
            "condition": "size(model.useCases) > 0"
          }
        ],
        "4": [
          {
            "id": "context-tags",
            "evidence": "model",
            "explanation": "at least {threshold} % of components are tagged with their context (infrastructure, application or data)",
            "scope": "index.components.map(c, c.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.components.filter(c, !c.tags.exists(t, t in [\"infrastructure\", \"application\", \"data\"])).map(c, c.id)"
          },
          {
            "id": "several-contexts",
            "evidence": "model",
            "explanation": "the components cover at least two of the contexts infrastructure, application and data",
            "condition": "size([\"infrastructure\", \"application\", \"data\"].filter(x, index.components.exists(c, x in c.tags))) >= 2"
          },
          {
            "id": "related-models",
            "evidence": "model",
            "explanation": "related models are linked (model.related)",
            "condition": "size(model.related) > 0"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [
        {
          "line": 14,
          "column": 7
        },
        {
          "line": 18,
          "column": 7
        },
        {
          "line": 22,
          "column": 7
        }
      ],
      [
        {
          "line": 27,
          "column": 7
        },
        {
          "line": 31,
          "column": 7
        },
        {
          "line": 37,
          "column": 7
        }
      ],
      [
        {
          "line": 45,
          "column": 7
        },
        {
          "line": 49,
          "column": 7
        }
      ],
      [
        {
          "line": 54,
          "column": 7
        },
        {
          "line": 60,
          "column": 7
        },
        {
          "line": 64,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/dynamic-analysis.yaml",
    "category": {
      "id": "dynamic-analysis",
      "title": "Dynamic analysis (simulated data flow)",
      "seed": {
        "1": "Someone plays the attacker and someone the defender; possible attack scenarios, abuse cases included, are sketched together with the mitigations that stop them.",
        "2": "Key users with their privileges, malicious insiders and attacks on privileged roles among them, are identified; past attacks are adapted to the system; assumptions about external systems are tested.",
        "3": "The most relevant scenarios are simulated against the attacker profiles that matter to the organisation, with manageable simulation rules and structured attack trees, optionally mapped to ATT&CK.",
        "4": "Simulations follow business priorities and concrete scenarios (compliance, architecture, functions), validate the effect of recommended mitigations and the residual risk, and improve from observed attacks and KPIs."
      },
      "interpretation": "An attack scenario is a threat with a source actor. Threatloop does not simulate; level 3 credits a model in which every path from an untrusted zone to restricted data crosses a mitigated threat (checked over the data-flow graph), and level 4 credits residual risk computed from quantified mitigation effects.",
      "levels": {
        "1": [
          {
            "id": "attack-scenario",
            "evidence": "model",
            "explanation": "at least one abuse case or attack scenario is recorded (a threat with a source actor)",
            "condition": "index.actors.exists(a, size(a.threats) > 0)"
          },
          {
            "id": "scenarios-mitigated",
            "evidence": "model",
            "explanation": "at least {threshold} % of attack scenarios that need a decision are linked with a mitigation",
            "scope": "index.threats.filter(t, t.source != \"\" && !t.decided).map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.source != \"\" && !t.decided && size(t.mitigations) == 0).map(t, t.id)"
          }
        ],
        "2": [
          {
            "id": "insider-profile",
            "evidence": "model",
            "explanation": "attacker profiles include an insider or privileged actor",
            "condition": "index.actors.exists(a, a.insider || a.privileged)"
          },
          {
            "id": "assumptions-tested",
            "evidence": "model",
            "explanation": "at least {threshold} % of documented assumptions are validated",
            "scope": "index.assumptions.map(a, a.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.assumptions.filter(a, !a.validated).map(a, a.id)"
          }
        ],
        "3": [
          {
            "id": "guarded-paths",
            "evidence": "model",
            "explanation": "an untrusted zone is modelled and every path from it to restricted data crosses a threat with a mitigation",
            "condition": "index.zones.exists(z, z.trust == 0) && size(unguardedPathsToRestricted()) == 0",
            "offenders": "unguardedPathsToRestricted()"
          },
          {
            "id": "scenarios-mapped",
            "evidence": "model",
            "explanation": "at least {threshold} % of attack scenarios reference the ATT&CK techniques they use",
            "scope": "index.threats.filter(t, t.source != \"\").map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.source != \"\" && size(t.attack) == 0).map(t, t.id)"
          }
        ],
        "4": [
          {
            "id": "scenario-objectives",
            "evidence": "model",
            "explanation": "at least {threshold} % of attack scenarios name the business objectives they endanger",
            "scope": "index.threats.filter(t, t.source != \"\").map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.source != \"\" && size(t.objectives) == 0).map(t, t.id)"
          },
          {
            "id": "what-if",
            "evidence": "model",
            "explanation": "residual risk is evaluated with quantified mitigation effects (a FAIR-rated threat whose mitigation states its effect)",
            "condition": "index.threats.exists(t, t.quantified && t.mitigations.exists(m, m.hasEffects))"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [
        {
          "line": 15,
          "column": 7
        },
        {
          "line": 19,
          "column": 7
        }
      ],
      [
        {
          "line": 26,
          "column": 7
        },
        {
          "line": 30,
          "column": 7
        }
      ],
      [
        {
          "line": 37,
          "column": 7
        },
        {
          "line": 42,
          "column": 7
        }
      ],
      [
        {
          "line": 49,
          "column": 7
        },
        {
          "line": 55,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/inventory.yaml",
    "category": {
      "id": "inventory",
      "title": "Applications and services inventory",
      "seed": {
        "1": "The key assets in the model are listed somewhere, even a spreadsheet, and each has a known owner.",
        "2": "How the inventoried assets relate to each other across the stack is written down, for example as a component diagram, ideally in a form that can be exported as code.",
        "3": "The assets are watched for known weaknesses and vulnerabilities (CWE, CVE), tied into incident handling, and it is known who carries the risk of each asset, first and second in line.",
        "4": "Assets are risk-assessed regularly together with the business, ranked and classified by business risk, and their status is tracked over their lifecycle."
      },
      "interpretation": "Level 3 asks that assets are monitored against CWE and CVE; Threatloop cannot see a scanner, so it credits what makes such monitoring possible: components name their technologies as versioned package URLs or CPE names.",
      "levels": {
        "1": [
          {
            "id": "own-components",
            "evidence": "model",
            "explanation": "the model lists at least one component of its own (not a user or external entity)",
            "condition": "index.components.exists(c, !(c.type in [\"user\", \"external\"]))"
          },
          {
            "id": "model-owner",
            "evidence": "model",
            "explanation": "the model names its owner",
            "condition": "model.owner != \"\""
          },
          {
            "id": "component-owners",
            "evidence": "model",
            "explanation": "at least {threshold} % of our components (not users or external entities) name their owner",
            "scope": "index.components.filter(c, !(c.type in [\"user\", \"external\"])).map(c, c.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.components.filter(c, !(c.type in [\"user\", \"external\"]) && c.owner == \"\").map(c, c.id)"
          }
        ],
        "2": [
          {
            "id": "components-in-flows",
            "evidence": "model",
            "explanation": "at least {threshold} % of components take part in a data flow",
            "scope": "index.components.map(c, c.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.components.filter(c, size(c.inbound) + size(c.outbound) == 0).map(c, c.id)"
          },
          {
            "id": "assets-held",
            "evidence": "model",
            "explanation": "at least {threshold} % of data assets are stored or processed by a component",
            "scope": "index.assets.map(a, a.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.assets.filter(a, size(a.components) == 0).map(a, a.id)"
          }
        ],
        "3": [
          {
            "id": "versioned-technologies",
            "evidence": "model",
            "explanation": "at least {threshold} % of our components name their technologies as versioned purl or CPE identifiers, so they can be monitored",
            "scope": "index.components.filter(c, !(c.type in [\"user\", \"external\"])).map(c, c.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.components.filter(c, !(c.type in [\"user\", \"external\"]) && (size(c.technologies) == 0 || c.technologies.exists(t, !(t.matches(\"^pkg:[A-Za-z0-9.+-]+/[^@]+@[^@/?#]+\") || t.matches(\"^cpe:2[.]3:[aho*-]:[^:]+:[^:]+:[^:*-]\") || t.matches(\"^cpe:/[aho]:[^:]+:[^:]+:[^:]+\"))))).map(c, c.id)"
          }
        ],
        "4": [
          {
            "id": "asset-ratings",
            "evidence": "model",
            "explanation": "at least {threshold} % of data assets have a classification and confidentiality, integrity and availability ratings",
            "scope": "index.assets.map(a, a.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.assets.filter(a, a.classification == \"\" || a.confidentiality == \"\" || a.integrity == \"\" || a.availability == \"\").map(a, a.id)"
          },
          {
            "id": "business-criticality",
            "evidence": "model",
            "explanation": "the model states its business criticality",
            "condition": "model.criticality != \"\""
          },
          {
            "id": "component-lifecycle",
            "evidence": "model",
            "explanation": "at least {threshold} % of our components state their lifecycle status",
            "scope": "index.components.filter(c, !(c.type in [\"user\", \"external\"])).map(c, c.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.components.filter(c, !(c.type in [\"user\", \"external\"]) && c.lifecycle == \"\").map(c, c.id)"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 3,
      "column": 1
    },
    "checkPositions": [
      [
        {
          "line": 16,
          "column": 7
        },
        {
          "line": 20,
          "column": 7
        },
        {
          "line": 24,
          "column": 7
        }
      ],
      [
        {
          "line": 31,
          "column": 7
        },
        {
          "line": 37,
          "column": 7
        }
      ],
      [
        {
          "line": 44,
          "column": 7
        }
      ],
      [
        {
          "line": 53,
          "column": 7
        },
        {
          "line": 59,
          "column": 7
        },
        {
          "line": 63,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/issue-tracker.yaml",
    "category": {
      "id": "issue-tracker",
      "title": "Issue tracker",
      "seed": {
        "1": null,
        "2": null,
        "3": "Mitigations are prioritised by what the business and product team need, each stays tied to its threat, and the model is updated by hand when a tracked case is done.",
        "4": "Tracker and model give a live view both ways, the tracker reports cases by risk category, and enough metadata on each case (risk, likelihood, effort, cost) to filter them."
      },
      "interpretation": "The seed describes only levels 3 and 4 for the issue tracker; levels 1 and 2 are not scored, and a model below level 3 has no level here. Level 4 \"live view both ways\" needs this run to have listed the tracker and read it back: a run without tracker access says \"not observable here\".",
      "levels": {
        "3": [
          {
            "id": "mitigations-recorded",
            "evidence": "model",
            "explanation": "at least one mitigation is recorded",
            "condition": "model.counts.mitigations > 0"
          },
          {
            "id": "prioritised",
            "evidence": "model",
            "explanation": "at least {threshold} % of mitigations have a priority or a roadmap horizon",
            "scope": "index.mitigations.map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, m.priority == \"\" && m.roadmap == \"\").map(m, m.id)"
          },
          {
            "id": "tied-to-threats",
            "evidence": "model",
            "explanation": "at least {threshold} % of mitigations are tied to a threat",
            "scope": "index.mitigations.map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, size(m.threats) == 0).map(m, m.id)"
          },
          {
            "id": "tracked",
            "evidence": "model",
            "explanation": "at least {threshold} % of planned or in-progress mitigations are linked to an issue (`issue:` or a listed tracker issue)",
            "scope": "index.mitigations.filter(m, m.status in [\"planned\", \"in-progress\"]).map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, m.status in [\"planned\", \"in-progress\"] && m.issue == \"\" && !(m.id in context.trackerSync.linkedMitigations)).map(m, m.id)"
          }
        ],
        "4": [
          {
            "id": "read-back",
            "evidence": "run",
            "explanation": "this run listed the tracker and read it back with at most {threshold} drift items between issues and model",
            "needs": [
              "tracker-listed",
              "tracker-drift"
            ],
            "condition": "context.run.trackerListed && context.run.trackerDrift >= 0 && context.run.trackerDrift <= threshold",
            "measure": "context.run.trackerDrift",
            "unit": "count",
            "threshold": {
              "name": "tracker-drift",
              "default": 0,
              "direction": "at-most"
            }
          },
          {
            "id": "risk-metadata",
            "evidence": "model",
            "explanation": "at least {threshold} % of mitigations carry the metadata issues are filtered by (type and priority)",
            "scope": "index.mitigations.map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, m.type == \"\" || m.priority == \"\").map(m, m.id)"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [],
      [],
      [
        {
          "line": 14,
          "column": 7
        },
        {
          "line": 18,
          "column": 7
        },
        {
          "line": 24,
          "column": 7
        },
        {
          "line": 30,
          "column": 7
        }
      ],
      [
        {
          "line": 38,
          "column": 7
        },
        {
          "line": 46,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/knowledge-base.yaml",
    "category": {
      "id": "knowledge-base",
      "title": "Intelligence knowledge base",
      "seed": {
        "1": "Existing security policies and a reference checklist or industry knowledge base guide the work, in line with the policies that apply to the architecture.",
        "2": "Recommendations are checked for covering every threat and mitigation, drawing on checklists from an established catalogue (CIS, for instance), and end in formal recommendations ranked by priority.",
        "3": "For each attack there is a believable account of how it would happen and be mitigated, specific to the application (attack trees, text or mind maps), and mitigations are related to each other.",
        "4": "The organisation's own knowledge base is kept current and relevant and updated often, and insights and recommendations are generated automatically."
      },
      "interpretation": "Level 2 credits threats drawn from a knowledge base: a template that resolves and is used, or a threat citing a CWE, CAPEC or ATT&CK id the loaded catalogues know. Level 4 \"kept current\" is read as the shipped catalogues' release date, passed in by the run: at most a year old by default; without a date the check is not observable here.",
      "levels": {
        "1": [
          {
            "id": "standard",
            "evidence": "model",
            "explanation": "the model declares a standard or checklist it follows",
            "condition": "size(model.standards) > 0"
          }
        ],
        "2": [
          {
            "id": "drawn-from-kb",
            "evidence": "model",
            "explanation": "threats are drawn from a knowledge base (a template that exists and is used, or a catalogue id the loaded catalogues know)",
            "condition": "size(context.templates.used) > 0 || index.threats.exists(t, t.cwe.exists(x, kbKnows(\"cwe\", x)) || t.capec.exists(x, kbKnows(\"capec\", x)) || t.attack.exists(x, kbKnows(\"attack\", x)))"
          }
        ],
        "3": [
          {
            "id": "stories",
            "evidence": "model",
            "explanation": "at least {threshold} % of high threats tell a credible story (source, prerequisites, action and business impact)",
            "scope": "index.threats.filter(t, t.high).map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.high && !(t.source != \"\" && t.prerequisites != \"\" && t.action != \"\" && t.businessImpact != \"\")).map(t, t.id)"
          },
          {
            "id": "shared-mitigations",
            "evidence": "model",
            "explanation": "some mitigations are shared across threats",
            "condition": "index.mitigations.exists(m, size(m.threats) >= 2)"
          }
        ],
        "4": [
          {
            "id": "organisation-kb",
            "evidence": "configuration",
            "explanation": "an organisation knowledge base is loaded (custom rules or organisation catalogue entries)",
            "condition": "context.rules.custom > 0 || context.knowledgeBase.organisation"
          },
          {
            "id": "catalogues-current",
            "evidence": "run",
            "explanation": "the CWE, CAPEC and ATT&CK catalogues are loaded and at most {threshold} days old",
            "needs": [
              "knowledge-base-date"
            ],
            "condition": "context.knowledgeBase.cwe && context.knowledgeBase.capec && context.knowledgeBase.attack && context.knowledgeBase.ageDays <= threshold",
            "measure": "context.knowledgeBase.ageDays",
            "unit": "days",
            "threshold": {
              "name": "catalogue-age-days",
              "default": 365,
              "direction": "at-most"
            }
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [
        {
          "line": 15,
          "column": 7
        }
      ],
      [
        {
          "line": 20,
          "column": 7
        }
      ],
      [
        {
          "line": 27,
          "column": 7
        },
        {
          "line": 33,
          "column": 7
        }
      ],
      [
        {
          "line": 38,
          "column": 7
        },
        {
          "line": 42,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/mitigation-categorization.yaml",
    "category": {
      "id": "mitigation-categorization",
      "title": "Mitigation categorisation",
      "seed": {
        "1": "Something is planned against each threat; one or more mitigations per threat.",
        "2": "Standard mitigations are defined per threat category (a defensive framework can guide this), giving a list of mitigations sorted by category.",
        "3": "Categories reach beyond prevention to detection and correction, so that the threats are met in depth across layers and stakeholders get a roadmap.",
        "4": "The mitigation knowledge is maintained and open to others, shown as a hierarchy against threat categories (including business, compliance and risk views), with what-if analysis."
      },
      "interpretation": "Threats accepted, transferred or marked not applicable are decided without a mitigation and are left out at level 1. Defence in depth (level 3) is asked of threats that are high before mitigation (likelihood × impact) or still high after it, so implementing a mitigation never takes a threat out of the count. Level 4's what-if analysis is credited through mitigations that state their effect on risk, which is what the risk engine's what-if view needs.",
      "levels": {
        "1": [
          {
            "id": "mitigations-recorded",
            "evidence": "model",
            "explanation": "at least one mitigation is recorded",
            "condition": "model.counts.mitigations > 0"
          },
          {
            "id": "threats-mitigated",
            "evidence": "model",
            "explanation": "at least {threshold} % of threats that need a decision (not accepted, transferred or not applicable) have a mitigation",
            "scope": "index.threats.filter(t, !t.decided).map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, !t.decided && size(t.mitigations) == 0).map(t, t.id)"
          }
        ],
        "2": [
          {
            "id": "typed",
            "evidence": "model",
            "explanation": "at least {threshold} % of mitigations state their type (preventive, detective, corrective, …)",
            "scope": "index.mitigations.map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, m.type == \"\").map(m, m.id)"
          }
        ],
        "3": [
          {
            "id": "beyond-prevention",
            "evidence": "model",
            "explanation": "the mitigations include detective or corrective ones, not only prevention",
            "condition": "index.mitigations.exists(m, m.type in [\"detective\", \"corrective\"])"
          },
          {
            "id": "defence-in-depth",
            "evidence": "model",
            "explanation": "at least {threshold} % of high threats (before or after mitigation) have mitigations of two or more types, one of them detective or corrective",
            "scope": "index.threats.filter(t, t.high || severityRank(t.severity) >= 3).map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, (t.high || severityRank(t.severity) >= 3) && !(t.mitigations.exists(m, m.type in [\"detective\", \"corrective\"]) && t.mitigations.exists(a, t.mitigations.exists(b, a.type != \"\" && b.type != \"\" && a.type != b.type)))).map(t, t.id)"
          }
        ],
        "4": [
          {
            "id": "verification",
            "evidence": "model",
            "explanation": "at least {threshold} % of mitigations have verification criteria",
            "scope": "index.mitigations.map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, m.verification == \"\").map(m, m.id)"
          },
          {
            "id": "effects",
            "evidence": "model",
            "explanation": "at least {threshold} % of mitigations state their effect on risk",
            "scope": "index.mitigations.map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, !m.hasEffects).map(m, m.id)"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [
        {
          "line": 16,
          "column": 7
        },
        {
          "line": 20,
          "column": 7
        }
      ],
      [
        {
          "line": 27,
          "column": 7
        }
      ],
      [
        {
          "line": 34,
          "column": 7
        },
        {
          "line": 38,
          "column": 7
        }
      ],
      [
        {
          "line": 47,
          "column": 7
        },
        {
          "line": 53,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/monitoring.yaml",
    "category": {
      "id": "monitoring",
      "title": "Event monitoring and incident response",
      "seed": {
        "1": null,
        "2": null,
        "3": "A SIEM pulls security incidents and attacks into the practice, high-risk events are correlated regularly, and the model is updated by hand from what event tracking shows, with a revised list of prioritised mitigations.",
        "4": "Predictive analytics on the production systems feed what is learned back into the knowledge base."
      },
      "interpretation": "The seed describes only levels 3 and 4 for monitoring; levels 1 and 2 are not scored. Threatloop sees monitoring through the incidents recorded in the model. Level 3 credits incidents that name their ATT&CK techniques and are correlated with threats, and detective mitigations that name the techniques they detect. Level 4 reads \"feed the knowledge base\" as the seed's feedback loop that codifies unseen attack vectors: every technique seen in an incident is carried by a modelled threat and detected by a detective mitigation. This is our reading, not a rule the seed states.",
      "levels": {
        "3": [
          {
            "id": "incidents-ingested",
            "evidence": "model",
            "explanation": "at least one incident is recorded with its ATT&CK techniques",
            "condition": "index.incidents.exists(i, size(i.techniques) > 0)"
          },
          {
            "id": "incidents-correlated",
            "evidence": "model",
            "explanation": "at least {threshold} % of incidents name their ATT&CK techniques and are linked to threats",
            "scope": "index.incidents.map(i, i.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.incidents.filter(i, size(i.techniques) == 0 || size(i.threats) == 0).map(i, i.id)"
          },
          {
            "id": "detects-techniques",
            "evidence": "model",
            "explanation": "at least {threshold} % of detective mitigations name the ATT&CK techniques they detect",
            "scope": "index.mitigations.filter(m, m.type == \"detective\").map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, m.type == \"detective\" && size(m.detects) == 0).map(m, m.id)"
          }
        ],
        "4": [
          {
            "id": "techniques-codified",
            "evidence": "model",
            "explanation": "at least {threshold} % of incidents saw only techniques that a modelled threat carries and a detective mitigation detects",
            "scope": "index.incidents.filter(i, size(i.techniques) > 0).map(i, i.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.incidents.filter(i, size(i.techniques) > 0 && !i.techniques.all(x, index.threats.exists(t, x in t.attack) && index.mitigations.exists(m, m.type == \"detective\" && x in m.detects))).map(i, i.id)"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [],
      [],
      [
        {
          "line": 17,
          "column": 7
        },
        {
          "line": 21,
          "column": 7
        },
        {
          "line": 27,
          "column": 7
        }
      ],
      [
        {
          "line": 34,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/osint.yaml",
    "category": {
      "id": "osint",
      "title": "OSINT tools",
      "seed": {
        "1": "The standard reports of OSINT tools (Shodan, code search) are looked at and annotated.",
        "2": "The team spots production risk from OSINT reports and brings OSINT data into the model, by hand if need be.",
        "3": "A defined process (a PSIRT, for instance) brings OSINT output into the model, correlating high-risk events and their context regularly.",
        "4": "High-risk findings from OSINT are shared with all stakeholders and feed predictive analytics into the knowledge base; the model carries up-to-date links to OSINT output, annotated automatically, and trend reports revise the prioritised mitigations."
      },
      "interpretation": "Threatloop sees OSINT only through the model: its listed intelligence sources, and threats or incidents that cite them (as origin or link). A regular process is read from its traces: a recent review of a model whose threats draw on the sources. Of level 4, a review cannot see sharing with stakeholders or predictive analytics; it credits the part it can see, OSINT feeding the risk assessment: the threats that cite a listed source carry quantitative (FAIR) inputs.",
      "assessed_when": "size(model.intelligenceSources) > 0",
      "not_assessed": "the model lists no intelligence sources (model.intelligence_sources), so the tool cannot observe OSINT use",
      "levels": {
        "1": [
          {
            "id": "sources-listed",
            "evidence": "model",
            "explanation": "the model lists the intelligence sources it draws on",
            "condition": "size(model.intelligenceSources) > 0"
          }
        ],
        "2": [
          {
            "id": "threats-informed",
            "evidence": "model",
            "explanation": "at least one threat cites a listed intelligence source (as its origin or a link)",
            "condition": "index.threats.exists(t, model.intelligenceSources.exists(s, t.origin == s || t.links.exists(l, l == s || l.startsWith(s))))"
          }
        ],
        "3": [
          {
            "id": "reviewed-regularly",
            "evidence": "model",
            "explanation": "the model drawing on these sources was reviewed in the last {threshold} days",
            "condition": "model.reviewed != \"\" && daysSince(model.reviewed) <= threshold",
            "measure": "model.reviewed == \"\" ? -1 : daysSince(model.reviewed)",
            "unit": "days",
            "threshold": {
              "name": "stale-review-days",
              "default": 180,
              "direction": "at-most"
            }
          }
        ],
        "4": [
          {
            "id": "fed-into-risk",
            "evidence": "model",
            "explanation": "at least {threshold} % of threats citing a listed intelligence source carry quantitative (FAIR) inputs",
            "scope": "index.threats.filter(t, model.intelligenceSources.exists(s, t.origin == s || t.links.exists(l, l == s || l.startsWith(s)))).map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, !t.quantified && model.intelligenceSources.exists(s, t.origin == s || t.links.exists(l, l == s || l.startsWith(s)))).map(t, t.id)"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 14,
      "column": 16
    },
    "checkPositions": [
      [
        {
          "line": 18,
          "column": 7
        }
      ],
      [
        {
          "line": 23,
          "column": 7
        }
      ],
      [
        {
          "line": 28,
          "column": 7
        }
      ],
      [
        {
          "line": 36,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/reporting.yaml",
    "category": {
      "id": "reporting",
      "title": "Dashboard and reporting",
      "seed": {
        "1": null,
        "2": "Heat maps correlate the risks so that they can be prioritised.",
        "3": "Reports are specialised for the different roles that need to understand the risk, with a Pareto view of where the risk concentrates.",
        "4": "Reporting plugs into a risk-assessment framework and shows the stakeholders and the business impact."
      },
      "interpretation": "The seed's row states no level-1 question or evidence, so the category starts at level 2. Threatloop draws no heat map: level 2 credits a published report (comment or job summary) that ranks the threats by residual severity from the likelihood × impact matrix, provided most threats are rated. Level 3 reads \"roles\" as reviewers (the pull/merge request comment) and mitigation owners (one tracker issue per open mitigation); SARIF and Code Quality serve the same developers as the comment and do not count as another role. Level 4 reads FAIR as the risk-assessment framework.",
      "levels": {
        "2": [
          {
            "id": "severity-report-published",
            "evidence": "run",
            "explanation": "this run published the threats ranked by residual severity (comment or job summary)",
            "needs": [
              "comment-posted",
              "summary-written"
            ],
            "condition": "context.run.commentPosted || context.run.summaryWritten"
          },
          {
            "id": "threats-recorded",
            "evidence": "model",
            "explanation": "at least one threat is recorded, so there is something to rank",
            "condition": "model.counts.threats > 0"
          },
          {
            "id": "threats-rated",
            "evidence": "model",
            "explanation": "at least {threshold} % of threats are rated on likelihood and impact, so the ranking covers them",
            "scope": "index.threats.map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.severity == \"unrated\").map(t, t.id)"
          }
        ],
        "3": [
          {
            "id": "reviewer-and-owner-reports",
            "evidence": "run",
            "explanation": "reviewers get the comment and mitigation owners get tracker issues (comment posted and tracker synced in this run)",
            "needs": [
              "comment-posted",
              "tracker-listed"
            ],
            "condition": "context.run.commentPosted && context.run.trackerListed && context.trackerSync.enabled"
          },
          {
            "id": "owners-named",
            "evidence": "model",
            "explanation": "at least {threshold} % of mitigations name the owner their issue goes to",
            "scope": "index.mitigations.map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, m.owner == \"\").map(m, m.id)"
          }
        ],
        "4": [
          {
            "id": "quantified",
            "evidence": "model",
            "explanation": "at least one threat has quantitative (FAIR) inputs, so loss exceedance is reported",
            "condition": "index.threats.exists(t, t.quantified)"
          },
          {
            "id": "quantified-high",
            "evidence": "model",
            "explanation": "at least {threshold} % of high threats have quantitative (FAIR) inputs and state their business impact",
            "scope": "index.threats.filter(t, t.high).map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.high && !(t.quantified && t.businessImpact != \"\")).map(t, t.id)"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [],
      [
        {
          "line": 18,
          "column": 7
        },
        {
          "line": 23,
          "column": 7
        },
        {
          "line": 27,
          "column": 7
        }
      ],
      [
        {
          "line": 34,
          "column": 7
        },
        {
          "line": 39,
          "column": 7
        }
      ],
      [
        {
          "line": 46,
          "column": 7
        },
        {
          "line": 50,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/risk-management.yaml",
    "category": {
      "id": "risk-management",
      "title": "Risk management",
      "seed": {
        "1": "Threat-modelling outcomes feed an informal view of risk built on one's own experience (a spreadsheet), with the system owners involved.",
        "2": "Model elements are loosely linked to risk-management standards and to in-house or public guidance (such as the OWASP Top 10 or SANS lists) that shapes the risk factors of each domain.",
        "3": "A standardised, repeatable risk-management process gives standardised outcomes, such as compliance reports and the importance of assets against specific requirements.",
        "4": "Risk management is automated, every stakeholder works from one live view of the risk, what-if analysis compares recommendations, formal approvals are on record, and risk KPIs and quantitative risk drive improvement."
      },
      "interpretation": "Level 3's repeatable process is read from its traces in the model: accepted risks carry approver, reason and an unexpired date, and the model was reviewed recently. Level 4's formal approvals are read as dated acceptances; its what-if analysis as planned mitigations that state their effect.",
      "levels": {
        "1": [
          {
            "id": "threats-recorded",
            "evidence": "model",
            "explanation": "at least one threat is recorded",
            "condition": "model.counts.threats > 0"
          },
          {
            "id": "threat-status",
            "evidence": "model",
            "explanation": "at least {threshold} % of threats state their status",
            "scope": "index.threats.map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, !t.statusStated).map(t, t.id)"
          },
          {
            "id": "model-owner",
            "evidence": "model",
            "explanation": "the model names its owner",
            "condition": "model.owner != \"\""
          }
        ],
        "2": [
          {
            "id": "standards-referenced",
            "evidence": "model",
            "explanation": "threats or mitigations reference standards (OWASP Top 10, ASVS, …)",
            "condition": "index.threats.exists(t, size(t.standards) > 0) || index.mitigations.exists(m, size(m.standards) > 0)"
          }
        ],
        "3": [
          {
            "id": "acceptances-complete",
            "evidence": "model",
            "explanation": "at least {threshold} % of accepted threats have an approver, a reason and an unexpired expiry date",
            "scope": "index.threats.filter(t, t.status == \"accepted\").map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.status == \"accepted\" && !(t.acceptance.by != \"\" && t.acceptance.reason != \"\" && t.acceptance.expires != \"\" && daysSince(t.acceptance.expires) <= 0)).map(t, t.id)"
          },
          {
            "id": "reviewed-recently",
            "evidence": "model",
            "explanation": "the model was reviewed in the last {threshold} days",
            "condition": "model.reviewed != \"\" && daysSince(model.reviewed) <= threshold",
            "measure": "model.reviewed == \"\" ? -1 : daysSince(model.reviewed)",
            "unit": "days",
            "threshold": {
              "name": "stale-review-days",
              "default": 180,
              "direction": "at-most"
            }
          }
        ],
        "4": [
          {
            "id": "what-if",
            "evidence": "model",
            "explanation": "at least {threshold} % of proposed, planned or in-progress mitigations state their effect on risk, so what-if analysis is available",
            "scope": "index.mitigations.filter(m, m.status in [\"proposed\", \"planned\", \"in-progress\"]).map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, m.status in [\"proposed\", \"planned\", \"in-progress\"] && !m.hasEffects).map(m, m.id)"
          },
          {
            "id": "effects-stated",
            "evidence": "model",
            "explanation": "at least one mitigation states its effect on risk",
            "condition": "index.mitigations.exists(m, m.hasEffects)"
          },
          {
            "id": "acceptances-dated",
            "evidence": "model",
            "explanation": "at least {threshold} % of accepted threats record when they were accepted",
            "scope": "index.threats.filter(t, t.status == \"accepted\").map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.status == \"accepted\" && t.acceptance.date == \"\").map(t, t.id)"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [
        {
          "line": 14,
          "column": 7
        },
        {
          "line": 18,
          "column": 7
        },
        {
          "line": 24,
          "column": 7
        }
      ],
      [
        {
          "line": 29,
          "column": 7
        }
      ],
      [
        {
          "line": 34,
          "column": 7
        },
        {
          "line": 42,
          "column": 7
        }
      ],
      [
        {
          "line": 50,
          "column": 7
        },
        {
          "line": 56,
          "column": 7
        },
        {
          "line": 60,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/root-cause-analysis.yaml",
    "category": {
      "id": "root-cause-analysis",
      "title": "Root cause analysis",
      "seed": {
        "1": "After a breach someone looks informally for the root cause and changes something as a result; there are first findings or an incident report.",
        "2": "There is a root-cause process, informed by the models and possibly using ready-made templates, producing some written analysis.",
        "3": "The process is formal and repeatable, its outcomes are sorted into people, process and technology, and it leads to an updated threat model and re-prioritised business risk.",
        "4": "The process improves continuously against KPIs and feeds the knowledge base, so several teams update their assets from it; it shows recommended mitigations and how the risk profile changes."
      },
      "interpretation": "Incidents are recorded in the model. \"Informed by the models\" is read as incidents linked to modelled threats; \"led to an updated model\" as a review date on or after the incident. Level 4's \"how the risk profile changes\" is read as: the threats behind each incident have a mitigation that states its effect on risk.",
      "levels": {
        "1": [
          {
            "id": "incident-recorded",
            "evidence": "model",
            "explanation": "at least one incident is recorded",
            "condition": "model.counts.incidents > 0"
          }
        ],
        "2": [
          {
            "id": "incidents-linked",
            "evidence": "model",
            "explanation": "at least {threshold} % of incidents are linked to a modelled threat (unlinked incidents are unmodelled threats)",
            "scope": "index.incidents.map(i, i.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.incidents.filter(i, size(i.threats) == 0).map(i, i.id)"
          }
        ],
        "3": [
          {
            "id": "root-causes",
            "evidence": "model",
            "explanation": "at least {threshold} % of incidents name their root cause (people, process or technology)",
            "scope": "index.incidents.map(i, i.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.incidents.filter(i, i.rootCause == \"\").map(i, i.id)"
          },
          {
            "id": "model-updated",
            "evidence": "model",
            "explanation": "at least {threshold} % of incidents are followed by a model review on or after their date",
            "scope": "index.incidents.map(i, i.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.incidents.filter(i, model.reviewed == \"\" || model.reviewed < i.date).map(i, i.id)"
          }
        ],
        "4": [
          {
            "id": "risk-change-shown",
            "evidence": "model",
            "explanation": "at least {threshold} % of incidents have linked threats whose mitigations state their effect on risk",
            "scope": "index.incidents.map(i, i.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.incidents.filter(i, !(size(i.threats) > 0 && i.threats.all(t, t.mitigations.exists(m, m.hasEffects)))).map(i, i.id)"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [
        {
          "line": 15,
          "column": 7
        }
      ],
      [
        {
          "line": 20,
          "column": 7
        }
      ],
      [
        {
          "line": 27,
          "column": 7
        },
        {
          "line": 33,
          "column": 7
        }
      ],
      [
        {
          "line": 40,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/severity.yaml",
    "category": {
      "id": "severity",
      "title": "Threat severity calculator",
      "seed": {
        "1": "Threats get a qualitative high, medium or low from personal experience.",
        "2": "What high, medium and low mean is agreed with stakeholders of other domains and calibrated (STRIDE, bug bars), giving prioritised recommendations with calibrated severities.",
        "3": "Part of the threats is analysed quantitatively, by sampling.",
        "4": "A full quantitative analysis (FAIR, for example), backed by a knowledge base with the inputs it needs, automated insight on severities and a link to business impact across operations."
      },
      "interpretation": "Threatloop's 5×5 likelihood × impact matrix is the calibration of level 2; imported scores (CVSS, OWASP, bug bar) count as a rating at level 1.",
      "levels": {
        "1": [
          {
            "id": "threats-recorded",
            "evidence": "model",
            "explanation": "at least one threat is recorded",
            "condition": "model.counts.threats > 0"
          },
          {
            "id": "rated",
            "evidence": "model",
            "explanation": "at least {threshold} % of threats have a rating (likelihood and impact, or an imported score such as CVSS)",
            "scope": "index.threats.map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, !t.rated).map(t, t.id)"
          }
        ],
        "2": [
          {
            "id": "likelihood-and-impact",
            "evidence": "model",
            "explanation": "at least {threshold} % of threats have both likelihood and impact on the calibrated scale",
            "scope": "index.threats.map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.likelihood == \"\" || t.impact == \"\").map(t, t.id)"
          }
        ],
        "3": [
          {
            "id": "quantitative",
            "evidence": "model",
            "explanation": "at least one threat has quantitative (FAIR) inputs",
            "condition": "index.threats.exists(t, t.quantified)"
          }
        ],
        "4": [
          {
            "id": "high-quantified",
            "evidence": "model",
            "explanation": "at least {threshold} % of high threats have quantitative (FAIR) inputs",
            "scope": "index.threats.filter(t, t.high).map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.high && !t.quantified).map(t, t.id)"
          },
          {
            "id": "currency-and-criticality",
            "evidence": "model",
            "explanation": "the model states its currency (risk.currency) and business criticality",
            "condition": "model.currency != \"\" && model.criticality != \"\""
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [
        {
          "line": 13,
          "column": 7
        },
        {
          "line": 17,
          "column": 7
        }
      ],
      [
        {
          "line": 24,
          "column": 7
        }
      ],
      [
        {
          "line": 31,
          "column": 7
        }
      ],
      [
        {
          "line": 36,
          "column": 7
        },
        {
          "line": 42,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/static-analysis.yaml",
    "category": {
      "id": "static-analysis",
      "title": "Static threat-model analysis",
      "seed": {
        "1": "Best-practice guidance (OWASP Top 10, for instance) is part of the work, and problems are listed by hand against it.",
        "2": "An integrated process validates the model automatically and reports modelling errors, and the model is corrected as soon as they appear.",
        "3": "The validation is part of the automated delivery pipeline, reports its status from CI, and feeds results back so that model updates get done.",
        "4": "The organisation writes its own rules, feedback from business and technical teams produces more of them, and model quality is visible centrally."
      },
      "interpretation": "Modelling errors are errors of the model file and high or critical findings of the built-in model-quality rules; design risks the model honestly records (design-risk findings, high threats) are never counted as errors. Level 3 needs the run to be in CI on a pull or merge request and to have posted its comment or listed the tracker, as observed by the pipeline.",
      "levels": {
        "1": [
          {
            "id": "standards",
            "evidence": "model",
            "explanation": "the model declares the best-practice standards it follows",
            "condition": "size(model.standards) > 0"
          }
        ],
        "2": [
          {
            "id": "rules-run",
            "evidence": "configuration",
            "explanation": "automated validation runs (rules are loaded)",
            "condition": "context.rules.builtin + context.rules.custom > 0"
          },
          {
            "id": "no-model-errors",
            "evidence": "model",
            "explanation": "at most {threshold} modelling errors (file errors, high model-quality findings)",
            "measure": "context.modelErrors",
            "unit": "count",
            "threshold": {
              "name": "model-errors",
              "default": 0,
              "direction": "at-most"
            }
          }
        ],
        "3": [
          {
            "id": "ci-feedback",
            "evidence": "run",
            "explanation": "the review runs in CI on a pull or merge request and feeds back (comment posted or tracker listed)",
            "needs": [
              "in-ci"
            ],
            "condition": "context.run.inCi && context.event == \"pull_request\" && (context.run.commentPosted || context.run.trackerListed)"
          }
        ],
        "4": [
          {
            "id": "custom-rules",
            "evidence": "configuration",
            "explanation": "organisation-specific custom rules are loaded",
            "condition": "context.rules.custom > 0"
          },
          {
            "id": "suppressions-complete",
            "evidence": "model",
            "explanation": "at least {threshold} % of suppressions have a reason, an approver and an unexpired date",
            "scope": "index.suppressions.map(s, s.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.suppressions.filter(s, !(s.reason != \"\" && s.approvedBy != \"\" && s.expires != \"\" && daysSince(s.expires) <= 0)).map(s, s.id)"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [
        {
          "line": 15,
          "column": 7
        }
      ],
      [
        {
          "line": 20,
          "column": 7
        },
        {
          "line": 24,
          "column": 7
        }
      ],
      [
        {
          "line": 31,
          "column": 7
        }
      ],
      [
        {
          "line": 38,
          "column": 7
        },
        {
          "line": 42,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/threat-categorization.yaml",
    "category": {
      "id": "threat-categorization",
      "title": "Threat categorisation",
      "seed": {
        "1": null,
        "2": "Threats are found by working through a chosen set of categories, and the same categories guide which mitigations are picked.",
        "3": "Industry catalogues (CAPEC, CWE, ATT&CK) and internal ones inform the model, and threats of different systems are linked to gain new insight.",
        "4": "The internal catalogue of threats is kept up over its lifecycle, and threats are framed in terms of what matters to the business."
      },
      "interpretation": "The seed marks level 1 as not applicable, so the category starts at level 2. At level 3 a reference counts as known only against loaded catalogues; without them that check is not observable here.",
      "levels": {
        "2": [
          {
            "id": "threats-recorded",
            "evidence": "model",
            "explanation": "at least one threat is recorded",
            "condition": "model.counts.threats > 0"
          },
          {
            "id": "categorised",
            "evidence": "model",
            "explanation": "at least {threshold} % of threats have a STRIDE or LINDDUN category",
            "scope": "index.threats.map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.category == \"\").map(t, t.id)"
          }
        ],
        "3": [
          {
            "id": "mapped",
            "evidence": "model",
            "explanation": "map ≥ {threshold} % of threats to CWE, CAPEC or ATT&CK",
            "scope": "index.threats.map(t, t.id)",
            "threshold": {
              "name": "mapping-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, size(t.cwe) + size(t.capec) + size(t.attack) == 0).map(t, t.id)"
          },
          {
            "id": "references-known",
            "evidence": "configuration",
            "explanation": "at least {threshold} % of threats cite only CWE, CAPEC and ATT&CK ids the loaded catalogues know",
            "needs": [
              "knowledge-base"
            ],
            "scope": "index.threats.map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, !(t.cwe.all(x, kbKnows(\"cwe\", x) || kbStatus(\"cwe\", x) == \"unknown-kb\") && t.capec.all(x, kbKnows(\"capec\", x) || kbStatus(\"capec\", x) == \"unknown-kb\") && t.attack.all(x, kbKnows(\"attack\", x) || kbStatus(\"attack\", x) == \"unknown-kb\"))).map(t, t.id)"
          }
        ],
        "4": [
          {
            "id": "business-impact",
            "evidence": "model",
            "explanation": "at least {threshold} % of high threats state their business impact",
            "scope": "index.threats.filter(t, t.high).map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.high && t.businessImpact == \"\").map(t, t.id)"
          },
          {
            "id": "references-current",
            "evidence": "configuration",
            "explanation": "at least {threshold} % of threats cite no deprecated or revoked CWE, CAPEC or ATT&CK id",
            "needs": [
              "knowledge-base"
            ],
            "scope": "index.threats.map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.cwe.exists(x, kbStatus(\"cwe\", x) in [\"deprecated\", \"obsolete\", \"revoked\"]) || t.capec.exists(x, kbStatus(\"capec\", x) in [\"deprecated\", \"obsolete\", \"revoked\"]) || t.attack.exists(x, kbStatus(\"attack\", x) in [\"deprecated\", \"obsolete\", \"revoked\"])).map(t, t.id)"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [],
      [
        {
          "line": 14,
          "column": 7
        },
        {
          "line": 18,
          "column": 7
        }
      ],
      [
        {
          "line": 25,
          "column": 7
        },
        {
          "line": 31,
          "column": 7
        }
      ],
      [
        {
          "line": 42,
          "column": 7
        },
        {
          "line": 48,
          "column": 7
        }
      ]
    ]
  },
  {
    "file": "rules/maturity/value-stream.yaml",
    "category": {
      "id": "value-stream",
      "title": "Value stream alignment",
      "seed": {
        "1": "Business stakeholders at product-manager level are kept informed; the story is a set of informal requirements from a conversation.",
        "2": "Recommendations and what mitigations change are checked against what the business wants and ranks first, through a repeatable baseline of security questions; the story becomes a structured overview that pairs threats with their mitigations.",
        "3": "Business goals are formally set against what threats would do and what the proposed mitigations achieve, requirements can be filtered by framework, standard or risk, mitigations trace back to a standard and are prioritised by business risk.",
        "4": "Every mitigation is tied to the business's priorities and processes and reviewed against them; each requirement carries a quantified security risk and a business priority, and every change and approval is audited."
      },
      "interpretation": "Level 4's quantified risk per requirement is read as mitigations that quantify their risk reduction (`effects` with `by`) and state their cost.",
      "levels": {
        "1": [
          {
            "id": "business-context",
            "evidence": "model",
            "explanation": "the model states its business context (description, objectives or criticality)",
            "condition": "model.businessDescription != \"\" || size(model.objectives) > 0 || model.criticality != \"\""
          }
        ],
        "2": [
          {
            "id": "mitigations-listed",
            "evidence": "model",
            "explanation": "at least one mitigation is recorded",
            "condition": "model.counts.mitigations > 0"
          },
          {
            "id": "prioritised",
            "evidence": "model",
            "explanation": "at least {threshold} % of mitigations have a priority or a roadmap horizon",
            "scope": "index.mitigations.map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, m.priority == \"\" && m.roadmap == \"\").map(m, m.id)"
          }
        ],
        "3": [
          {
            "id": "traced",
            "evidence": "model",
            "explanation": "at least {threshold} % of mitigations trace to a standard or requirement (references.standards or links)",
            "scope": "index.mitigations.map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, size(m.standards) + size(m.links) == 0).map(m, m.id)"
          },
          {
            "id": "high-objectives",
            "evidence": "model",
            "explanation": "at least {threshold} % of high threats name the business objectives they endanger",
            "scope": "index.threats.filter(t, t.high).map(t, t.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.threats.filter(t, t.high && size(t.objectives) == 0).map(t, t.id)"
          }
        ],
        "4": [
          {
            "id": "quantified-value",
            "evidence": "model",
            "explanation": "at least {threshold} % of mitigations quantify their risk reduction (effects with `by`) and state their cost",
            "scope": "index.mitigations.map(m, m.id)",
            "threshold": {
              "name": "coverage-percent",
              "default": 80
            },
            "offenders": "index.mitigations.filter(m, !(m.quantifiedEffects && m.costed)).map(m, m.id)"
          }
        ]
      }
    },
    "assessedWhenPosition": {
      "line": 1,
      "column": 1
    },
    "checkPositions": [
      [
        {
          "line": 13,
          "column": 7
        }
      ],
      [
        {
          "line": 18,
          "column": 7
        },
        {
          "line": 22,
          "column": 7
        }
      ],
      [
        {
          "line": 29,
          "column": 7
        },
        {
          "line": 35,
          "column": 7
        }
      ],
      [
        {
          "line": 42,
          "column": 7
        }
      ]
    ]
  }
]
