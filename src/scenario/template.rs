//! The commented scenario that `wom init` writes: every key with its default,
//! what it means and where the number comes from.

/// A complete scenario whose values are exactly the defaults of
/// [`crate::scenario::defaults`], with two policies (ignore, recover).
/// Keys of other network kinds are shown commented out.
pub const TEMPLATE: &str = r#"# A wom scenario: what does ignoring complaints cost, counting the people
# that unhappy customers tell, and the people *they* tell?
#
# Every key below is set to its default, so you may delete any line and get the
# same result. Sources: "TARP" = U.S. Office of Consumer Affairs / TARP surveys;
# "seed NNN" = the source articles of the project; "choice" = a modelling
# choice, worth varying with `wom sweep`.

# name = "my-shop"          # default: the file's name without .toml
description = ""            # free text, shown in reports
periods = 12                # number of periods simulated, 1..=10000
period_label = "month"      # what one period is called in reports
periods_per_year = 12.0     # for discounting
replications = 1000         # independent replications, 1..=10000000
seed = 1                    # the same seed gives the same results; --seed overrides

[population]
people = 10000              # persons in the network (ignored for kind = "file"); choice
initial_customers = 0.1     # a float in (0, 1] is a share of people, an integer a count; choice

[network]
kind = "watts_strogatz"     # watts_strogatz | barabasi_albert | erdos_renyi | strong_weak_ties | file
mean_degree = 30            # watts_strogatz: even, >= 2; erdos_renyi: expected degree; room for 10-22 tells (Hill & Dunbar 2003)
rewire = 0.1                # watts_strogatz: share of ties rewired at random; choice
# attach = 5                # barabasi_albert: ties each newcomer makes (mean degree ~ 2 x attach)
# cluster_size = 10         # strong_weak_ties: persons per cluster (Goldenberg et al. 2007)
# strong_ties = 8.0         # strong_weak_ties: mean strong ties inside the cluster
# weak_ties = 2.0           # strong_weak_ties: mean weak ties to other clusters
# weak_ties_churn = false   # strong_weak_ties: redraw the weak ties each period
# path = "network.txt"      # file: edge list, "u v" a line, relative to this file
# format = "edgelist"       # file: the only format
resample = false            # true: draw a new network for each replication

[experience]
problem_rate = 0.05         # chance a customer's experience goes wrong, per period; choice
complaint_rate = 0.25       # chance a customer with a problem complains; choice (TARP: ~0.04)
base_churn = 0.02           # chance a satisfied customer leaves anyway; = 1 - outcomes.satisfied.stay
recovery_paradox = 1.0      # base_churn multiplier after a resolved complaint; 1 = off (contested)
# How long each complainer will wait for an answer, in hours, drawn per complaint; a
# resolved complaint counts as quick only if answered within it. Default: none, so
# everyone's patience is the policy's quick_hours. A duration: { fixed = x },
# { uniform = [a, b] }, { exponential = mean }, { lognormal = { median = m, sigma = s } },
# { empirical = { values = [...], weights = [...] } }. Surveys: 32% want an answer within
# 30 min, 42% within 60 (Edison Research); 47% within an hour, 84% within 24 hours
# (Spider Marketing); 72% of complainers on Twitter within an hour (Lithium 2013):
# tolerance_hours = { empirical = { values = [0.5, 1, 24, 48], weights = [32, 13, 39, 16] } }

# Each outcome class: `stay` = chance the customer is still a customer next
# period; `tone` = positive | negative | none; `tells` = how many contacts they
# tell, one of { fixed = n }, { uniform = [a, b] }, { poisson = mean },
# { negative_binomial = { mean = m, dispersion = k } },
# { empirical = { values = [...], weights = [...] } }.
# Stay rates: TARP, problems costing over $100.

[outcomes.satisfied]        # no problem
# stay = 0.98               # always 1 - experience.base_churn: set one of the two
tone = "positive"
tells = { uniform = [1, 2] }    # the Georgian recovery article: tells 1-2 close people; the Bulgarian lost-customer article: "tells two"

[outcomes.silent]           # had a problem, did not complain
stay = 0.09                 # TARP: 9% buy again
tone = "negative"
tells = { uniform = [10, 22] }  # the Georgian recovery article: 10-15; the Bulgarian lost-customer article: "tells twenty-two"

[outcomes.unresolved]       # complained, not resolved
stay = 0.19                 # TARP: 19%
tone = "negative"
tells = { uniform = [10, 22] }  # as silent

[outcomes.resolved]         # complained, resolved slowly
stay = 0.54                 # TARP: 54%
tone = "positive"
tells = { uniform = [1, 2] }    # as satisfied

[outcomes.resolved_quickly] # complained, resolved within quick_hours
stay = 0.82                 # TARP: 82%
tone = "positive"
tells = { uniform = [4, 6] }    # TARP: resolved complainers tell about 5

# A customer a policy parts with (`part_with`, under [policies.NAME] below)
# ends that period in one of these two classes instead of the one the
# handling gave. A parted customer always leaves: there is no `stay` key.

[outcomes.parted_graceful]  # parted with thanks, a refund and pointers elsewhere (the Kazakh parting article)
tone = "negative"
tells = { uniform = [0, 2] }    # notice and help curb bad word of mouth (Wetzel, Haenel & Hess 2022); 0-2 is judgement

[outcomes.parted_abrupt]    # parted without notice or help
tone = "negative"
tells = { uniform = [10, 22] }  # as an unresolved complaint

[word_of_mouth]
max_hops = 3                # a story travels at most this many hops, 1..=20; choice
hop_decay = 0.5             # effect of a hearing at hop h is scaled by hop_decay^(h-1); choice
retell = { negative = 0.3, positive = 0.1 }  # chance a hearer retells; choice
retell_tells = { uniform = [1, 3] }          # how many a retelling reaches; choice

[effects]
deter = 0.5                 # chance a prospect hearing bad news never buys; choice (the Bulgarian lost-customer article)
referral_conversion = 0.02  # chance a prospect hearing good news buys; choice
hearsay_churn = 0.02        # chance a customer hearing bad news leaves; choice
organic_conversion = 0.002  # chance a prospect buys on their own, per period; choice

[economics]
margin = 50.0               # margin per customer per period; choice
discount_rate = 0.1         # yearly; choice
currency = "USD"            # label for reports

# Segments (optional): who the customers are. Without a [segments] table
# everyone is in one segment with the values above. Each person is put in a
# segment once per replication, at random with the shares as probabilities,
# the same under every policy. A segment may override, for its members,
# margin, problem_rate, complaint_rate and base_churn (default: the values
# above), and set
#   resolve_factor = 1.0 (default): multiplies every policy's chance of
#     resolving a complaint; "never satisfied" customers are hard to satisfy (the Persian never-satisfied article)
#   handle_factor = 1.0 (default): multiplies handling_cost for their
#     complaints; serving some customers takes "a whole employee day" (the Persian never-satisfied article)
# The shares sum to 1; leave out one segment's share and it takes the rest.
# Or say who is in which segment: segments = { file = "segments.csv" } under
# [population], one `node,segment` row for every person of the network (a
# name or id of its edge list, a segment name), and no share: each share is
# then the segment's fraction of the people.
#
# [segments.chronic]
# share = 0.03
# complaint_rate = 0.9
# resolve_factor = 0.3
# handle_factor = 8.0
#
# [segments.regular]        # no share: the rest, 0.97

# Policies to compare, two or more. The first is the baseline.
# handling (required): "ignore" (every complaint ends unresolved) or "recover"
# (resolved with chance resolve_rate x (1 - handoff_penalty)^handoffs).

[policies.ignore]
handling = "ignore"

[policies.recover]
handling = "recover"
resolve_rate = 0.9          # chance a complaint is resolved without handoffs; choice (the Georgian recovery article)
handoffs = 0                # times the customer is passed between agents (the crowdSPRING support article)
handoff_penalty = 0.15      # chance each handoff spoils the resolution; choice (the crowdSPRING support article: 72%)
handoff_hours = 0.0         # hours each handoff adds to the answer time (default 0, docs/model.md)
response_hours = 1.0        # hours to answer (the crowdSPRING support article: within 60 minutes)
# Instead of response_hours, a desk: agents answer complaints first come first served
# while open (from 09:00 on the first days_per_week days of each week, hours_per_day
# hours; 7 and 24 = always open); work not started carries over. agents and
# handle_minutes (minutes per complaint, a duration as tolerance_hours) are required;
# days_per_week = 5, hours_per_day = 8, agent_cost = 0 (paid per agent per period) are
# the defaults. E-commerce tickets take 5-15 minutes, disputes and returns 12-25 and more
# (Bookbag 2026); a US customer service representative earns about $3,150 a month (BLS 2022).
# staffing = { agents = 2, handle_minutes = { lognormal = { median = 12, sigma = 0.6 } }, days_per_week = 5, hours_per_day = 8, agent_cost = 3150 }
quick_hours = 24.0          # an answer within this counts as quick (the crowdSPRING support article: usual 24-48 h)
compensation = 0.0          # cost per resolved complaint: refund, discount, gift (the Bulgarian lost-customer article)
handling_cost = 0.0         # cost per handled complaint: staff time (the Persian never-satisfied article)
# part_with = { segment = "chronic", after_complaints = 2, manner = "graceful", refund = 50.0 }
#   (no default; any policy, ignore or recover) part with a segment's customers at
#   their n-th complaint of the horizon (n >= 1): the complaint is handled and
#   costs as usual, then the customer ends the period parted_graceful or
#   parted_abrupt and leaves, counted as parted. manner = "graceful" costs
#   `refund` (default: the customer's margin for one period, "refund the last
#   invoice", the Kazakh parting article); "abrupt" costs nothing and takes no refund.

# Uncertain inputs (optional): what nobody knows, as distributions. Keys are
# the dotted keys of --set. A run then reports, beside the Monte Carlo
# interval, the interval of the expected difference across what is
# uncertain, the chance each policy is best, and which number is worth
# measuring first (EVPI, EVPPI), in summary.json, draws.csv and the headline.
# replications must be a multiple of replications_per_draw (default 10).
#
# [uncertainty]
# replications_per_draw = 10
# "effects.deter" = { uniform = [0.25, 0.75] }
# "experience.complaint_rate" = { beta = { mean = 0.25, sd = 0.08 } }
# "economics.margin" = { lognormal = { median = 50, sigma = 0.2 } }
# "experience.problem_rate" = { triangular = [0.02, 0.05, 0.1] }
# "outcomes.silent.tells" = { between = [{ uniform = [9, 10] }, { uniform = [20, 24] }] }
# draws_file = "posterior.csv"   # joint draws: a column per key, optional weight
"#;
