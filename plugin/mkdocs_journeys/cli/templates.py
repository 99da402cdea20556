"""The journeys `journeys new` writes: every field of the schema, each explained in a comment.

The example content is generic on purpose (any B2B purchase, any B2C purchase), so that a
team replaces it rather than deletes it. New journeys start as drafts: they are checked by
`journeys lint` but kept out of the published site until `status: published`.
"""

from __future__ import annotations

HEADER = """\
# A customer journey for mkdocs-journeys. This YAML front matter holds the structure; the text
# after the closing `---` is the narrative. Replace the example content, keep the ids short and
# stable, and check the file with `journeys lint`. `journeys schema` prints the schema behind
# every field. The comments are for you: delete them whenever you like.
"""

COMPARE_WITH_OFF = """\
# Id (or list of ids) of the counterpart journey in the other segment ({other}); the pair gets
# a side-by-side comparison page. Either journey of the pair may declare it. Uncomment and
# name an existing {other_upper} journey{candidates}:
# compare_with: {example}
"""

COMPARE_WITH_ON = """\
# Id (or list of ids) of the counterpart journey in the other segment ({other}); the pair gets
# a side-by-side comparison page. Either journey of the pair may declare it.
compare_with: {target}
"""

B2B = """\
---
{header}

# Unique id: used in the page URL (journeys/<id>/) and by compare_with. Default: the file name.
id: {id}
# Title of the journey page: who buys what.
title: {title}
# b2b: a buying committee in an organisation decides; b2c: one consumer decides.
segment: b2b
# One paragraph shown under the title and in the catalog.
summary: >-
  How a mid-sized company chooses, buys and renews a business product. The people who use it
  every day are not the ones who sign for it: a champion carries the case past finance, IT,
  security and procurement, and the same committee decides again at every renewal.
# Team or person who keeps this journey up to date.
owner: Revenue operations
# Date of the last review, YYYY-MM-DD; pages reviewed too long ago are marked overdue.
reviewed: {today}
# draft keeps the journey out of the site (unless the plugin option include_drafts is on);
# change it to published when the content is real.
status: draft
# Free tags; the catalog groups journeys by them.
tags: [b2b, mid-market]
# How long the journey takes, as written.
sales_cycle: 3-9 months from first contact to signature, then a renewal every 12 months
# Typical deal value, as written.
deal_value: "30,000-100,000 EUR a year"
{compare_with}
# The buying committee: everyone who uses, evaluates, approves or pays. Give each a distinct
# role so the map shows who uses the product and who pays for it.
stakeholders:
    # Id used in touchpoints' actors and scores.
  - id: cfo
    # Display name, also used in the diagrams.
    name: Finance director
    # Role in the decision: decision-maker, economic-buyer, champion, technical-evaluator,
    # end-user, influencer, procurement, gatekeeper or consumer.
    role: economic-buyer
    # Weight in the decision: low, medium (default) or high.
    influence: high
    # What this person wants from the purchase.
    goals:
      - A predictable yearly cost and payback within 18 months
    # What worries or blocks this person.
    concerns:
      - Price increases at renewal and a multi-year lock-in

  - id: head-of-operations
    name: Head of operations
    role: decision-maker
    influence: high
    goals:
      - One supported tool instead of spreadsheets and workarounds
    concerns:
      - A rollout that disrupts the team in the busy season

  - id: team-lead
    name: Team lead
    role: champion
    influence: medium
    goals:
      - Solve the daily problem that started the search
    concerns:
      - Personal credibility if the rollout goes badly

  - id: it-security
    name: IT security officer
    role: technical-evaluator
    influence: medium
    goals:
      - Certified security, single sign-on, data stored in the EU
    concerns:
      - A long security questionnaire answered with marketing text

  - id: users
    name: Everyday users
    role: end-user
    influence: low
    goals:
      - A fast tool that removes copy-and-paste work
    concerns:
      - Relearning their daily tool

  - id: procurement
    name: Procurement manager
    role: procurement
    influence: medium
    goals:
      - Comparable offers and standard contract terms
    concerns:
      - Auto-renewal clauses and uncapped price increases

# The stages of the journey, in order.
stages:
    # Id of the stage; comparison pages align the stages of a pair by id.
  - id: awareness
    # Display name of the stage.
    name: Awareness
    # What the customer tries to achieve in this stage.
    goal: The champion sees that the current way of working cannot scale.
    # How long the stage usually takes, as written.
    duration: 2-6 weeks
    # What happens, stage by stage: the moments where the customer meets the company.
    touchpoints:
        # Optional id; translations match touchpoints by id (else by position).
      - id: aw-peer-post
        # What happens at this touchpoint.
        name: A peer's LinkedIn post about solving the same problem
        # Channel, free text; common values (email, event, website, sales-call, social,
        # content, ...) get consistent labels.
        channel: social
        # Ids of the stakeholders taking part (required when there are several).
        actors: [team-lead, head-of-operations]
        # Experience score from 1 (bad) to 5 (great), shown in the journey diagram.
        score: 4
        # Score per stakeholder where they feel differently from `score` (must be an actor);
        # drawn in the experience curve.
        scores:
          head-of-operations: 3
        # How the customer feels.
        emotion: curious
      - id: aw-cold-email
        name: Cold email to the head of operations, ignored
        channel: email
        actors: [head-of-operations]
        score: 2
        emotion: interrupted
    # What goes wrong or hurts in this stage.
    pains:
      - The person with the problem has no budget; the people with budget do not feel it
    # What the team could improve.
    opportunities:
      - A ready-made business case the champion can forward internally
    # Metrics watched in this stage.
    kpis:
      - Marketing-qualified accounts per month
    # How feedback is gathered in this stage.
    feedback: Monthly review of content engagement per target account in the CRM.

  - id: consideration
    name: Research and shortlist
    goal: Agree that the problem is worth solving and shortlist three vendors.
    duration: 3-6 weeks
    touchpoints:
      - id: co-discovery
        name: Discovery call with an account executive
        channel: sales-call
        actors: [team-lead, head-of-operations]
        score: 4
        emotion: heard
      - id: co-pricing
        name: Pricing page and ROI calculator
        channel: website
        actors: [cfo, team-lead]
        score: 3
        scores:
          cfo: 2
        emotion: wary of hidden costs
    pains:
      - Each committee member researches alone, with different criteria
    opportunities:
      - One-pagers per role (ROI for finance, architecture for IT)
    kpis:
      - Sales-qualified opportunities
    feedback: Objections and committee members logged in the CRM after every call.

  - id: evaluation
    name: "Evaluation: demo, trial and security review"
    goal: Prove that the product works with real data and passes the security review.
    duration: 4-10 weeks
    touchpoints:
      - id: ev-trial
        name: Trial with the team's real data
        channel: in-product
        actors: [users, team-lead]
        score: 4
        scores:
          users: 5
        emotion: relieved
      - id: ev-security
        name: Security questionnaire and data processing agreement
        channel: portal
        actors: [it-security, head-of-operations]
        score: 2
        emotion: frustrated
    pains:
      - The security review stalls the deal for weeks
    opportunities:
      - A public trust centre with certificates and a pre-filled questionnaire
    kpis:
      - Trial activation rate
      - Security review cycle time (days)
    feedback: Trial check-ins with the champion; security findings tracked on the deal record.

  - id: purchase
    name: "Purchase: procurement, legal and approval"
    goal: Get the contract through procurement, legal and budget approval.
    duration: 3-8 weeks
    # true on the stage where the purchase is decided (default: the stage whose id is
    # purchase).
    purchase: true
    touchpoints:
      - id: pu-contract
        name: Contract negotiation and redlines
        channel: email
        actors: [procurement, cfo]
        score: 2
        scores:
          procurement: 3
        emotion: tense
      - id: pu-signature
        name: Budget approval and signature
        channel: e-signature
        actors: [cfo, head-of-operations, team-lead]
        score: 4
        emotion: relieved
    pains:
      - Every legal loop adds a week, and the champion cannot see where the contract is
    opportunities:
      - A shared deal room that shows each approval step and who holds it
    kpis:
      - Win rate
      - Sales-cycle length (days)
    feedback: Win/loss interview with the champion and the economic buyer.

  - id: onboarding
    name: Onboarding
    goal: Go live with every user within one quarter.
    duration: 4-8 weeks
    touchpoints:
      - id: on-kickoff
        name: Kickoff with customer success and a written success plan
        channel: meeting
        actors: [team-lead, head-of-operations]
        score: 4
        emotion: optimistic
      - id: on-training
        name: Role-based training for users
        channel: content
        actors: [users, team-lead]
        score: 3
        emotion: overloaded
    pains:
      - Users are trained weeks before go-live and forget most of it
    opportunities:
      - Just-in-time training in the first week of real use
    kpis:
      - Time to go-live (days)
      - Seats activated as a share of seats bought
    feedback: Weekly onboarding stand-up with the champion; a go-live survey to users.

  - id: renewal
    name: Renewal and expansion
    goal: Renew on fair terms and extend the product to other teams.
    duration: Starts 120 days before each contract anniversary
    # Id of the matching stage in the counterpart journey, when the ids differ: here the
    # B2C journey's `loyalty` stage.
    compare_as: loyalty
    touchpoints:
      - id: re-review
        name: Business review of usage and value before the renewal
        channel: meeting
        actors: [cfo, head-of-operations, team-lead]
        score: 4
        scores:
          cfo: 3
        emotion: scrutinising
      - id: re-advocacy
        name: The champion presents the results in a case study
        channel: referral
        actors: [team-lead]
        score: 5
        emotion: proud
    pains:
      - A price increase at renewal reopens the whole decision
    opportunities:
      - Relationships beyond the champion long before the renewal
    kpis:
      - Net revenue retention (NRR)
    feedback: A renewal readiness review in the CRM 120 days before the anniversary.
---

Tell the story of this journey in Markdown: who the customer is, what triggers the search, who
joins the decision at each stage, where the deal stalls and what the team learned. The journey
diagram, the experience curve, the stakeholder tables and the stage details are generated from
the front matter and placed around this text.

## What makes this journey B2B

- **Decision:** several people with different goals; some of them can stop the deal alone.
- **Cycle:** months, with a touchpoint at every approval step.
- **Feedback:** formal and periodic: business reviews, win/loss interviews, NPS per account.

## How to use this map

- **Sales** checks committee coverage on every open deal against the stakeholder list.
- **Marketing** writes one piece of content per role and concern.
- **Customer success** prepares the renewal as a second purchase decision.
"""

B2C = """\
---
{header}

# Unique id: used in the page URL (journeys/<id>/) and by compare_with. Default: the file name.
id: {id}
# Title of the journey page: who buys what.
title: {title}
# b2b: a buying committee in an organisation decides; b2c: one consumer decides.
segment: b2c
# One paragraph shown under the title and in the catalog.
summary: >-
  How one consumer discovers a product on their phone, buys it the same day and decides, at
  the first use, whether to come back. A short, emotional journey where every step either
  feeds the excitement or kills it.
# Team or person who keeps this journey up to date.
owner: E-commerce customer experience team
# Date of the last review, YYYY-MM-DD; pages reviewed too long ago are marked overdue.
reviewed: {today}
# draft keeps the journey out of the site (unless the plugin option include_drafts is on);
# change it to published when the content is real.
status: draft
# Free tags; the catalog groups journeys by them.
tags: [b2c, e-commerce, mobile]
# How long the journey takes, as written.
sales_cycle: Minutes to 3 days from first sight to order
# Typical basket value, as written.
deal_value: 40-120 EUR per order
{compare_with}
# One consumer, who both uses and pays.
stakeholders:
    # Id used in touchpoints' actors and scores.
  - id: consumer
    # Display name, also used in the diagrams.
    name: Consumer
    # Role in the decision: consumer for B2C (other roles: decision-maker, economic-buyer,
    # champion, technical-evaluator, end-user, influencer, procurement, gatekeeper).
    role: consumer
    # Weight in the decision: low, medium (default) or high.
    influence: high
    # What this person wants from the purchase.
    goals:
      - Find the right product quickly and get it before the weekend
    # What worries or blocks this person.
    concerns:
      - The product looks different from the photos, and returns cost money

# The stages of the journey, in order.
stages:
    # Id of the stage; comparison pages align the stages of a pair by id.
  - id: awareness
    # Display name of the stage.
    name: Inspiration
    # What the customer tries to achieve in this stage.
    goal: Notice something worth wanting.
    # How long the stage usually takes, as written.
    duration: Seconds to minutes
    # What happens, stage by stage: the moments where the customer meets the company.
    touchpoints:
        # Optional id; translations match touchpoints by id (else by position).
      - id: aw-social-post
        # What happens at this touchpoint.
        name: An influencer's post shows the product in use
        # Channel, free text; common values (email, event, website, sales-call, social,
        # content, ...) get consistent labels.
        channel: social
        # Ids of the stakeholders taking part; with one stakeholder it is the default, so
        # the other touchpoints leave it out.
        actors: [consumer]
        # Experience score from 1 (bad) to 5 (great), shown in the journey diagram and curve.
        score: 4
        # Per-stakeholder scores (`scores: {{consumer: 3}}`) are for journeys with several
        # stakeholders who feel differently; with one consumer, `score` says it all.
        # How the customer feels.
        emotion: inspired
      - id: aw-retargeting
        name: Retargeting ad after an earlier visit
        channel: advertising
        score: 3
        emotion: mildly curious
    # What goes wrong or hurts in this stage.
    pains:
      - Ads keep showing products the consumer has already bought
    # What the team could improve.
    opportunities:
      - Shoppable posts that open the product page in the right size
    # Metrics watched in this stage.
    kpis:
      - Click-through rate from social posts
    # How feedback is gathered in this stage.
    feedback: Comments and shares on social posts, read daily by the social media team.

  - id: consideration
    name: Consideration
    goal: Check price, fit and reviews, and compare with one or two alternatives.
    duration: Minutes to 2 days
    touchpoints:
      - id: co-product-page
        name: Product page with photos, size guide and reviews
        channel: website
        score: 4
        emotion: hopeful
      - id: co-delivery-cost
        name: Delivery costs shown only at the end
        channel: website
        score: 2
        emotion: annoyed
    pains:
      - Delivery and return costs appear late
    opportunities:
      - Show delivery and return terms on the product page
    kpis:
      - Add-to-basket rate
    feedback: Product reviews and on-site search terms.

  - id: checkout
    name: Checkout
    goal: Pay in a few taps.
    duration: 1-5 minutes
    # true on the stage where the purchase is decided (default: the stage whose id is
    # purchase).
    purchase: true
    # Id of the matching stage in the counterpart journey, when the ids differ: here the
    # B2B journey's `purchase` stage.
    compare_as: purchase
    touchpoints:
      - id: ch-wallet
        name: One-tap payment with a mobile wallet
        channel: in-app
        score: 5
        emotion: satisfied
      - id: ch-confirmation
        name: Order confirmation email
        channel: email
        score: 4
        emotion: reassured
    pains:
      - Forced account creation before payment
    opportunities:
      - Guest checkout with the account offered after the order
    kpis:
      - Checkout conversion rate
      - Basket abandonment rate
    feedback: Checkout analytics and a one-question survey on the confirmation page.

  - id: first-use
    name: Delivery and first use
    goal: Receive the order on time and find it as promised.
    duration: 2-4 days
    compare_as: onboarding
    touchpoints:
      - id: fu-tracking
        name: Delivery tracking messages
        channel: sms
        score: 3
        emotion: impatient
      - id: fu-unboxing
        name: Unboxing and first use
        channel: product
        score: 5
        emotion: delighted
    pains:
      - Vague delivery windows
    opportunities:
      - A delivery slot chosen at checkout
    kpis:
      - On-time delivery rate
      - Return rate
    feedback: A review request one week after delivery.

  - id: loyalty
    name: Loyalty
    goal: Come back for the next purchase and tell friends.
    duration: Weeks to months
    touchpoints:
      - id: lo-review
        name: Posting a review with a photo
        channel: website
        score: 4
        emotion: proud
      - id: lo-offer
        name: Personal offer for the next purchase
        channel: email
        score: 3
        emotion: tempted
    pains:
      - Generic newsletters that ignore past purchases
    opportunities:
      - Recommendations based on what the consumer kept, not what they returned
    kpis:
      - Repeat purchase rate within 90 days
      - Customer lifetime value
    feedback: Ratings, reviews and social mentions, answered within a day.
---

Tell the story of this journey in Markdown: who the consumer is, what sparks the purchase,
where the excitement grows and where it breaks. The journey diagram, the experience curve and
the stage details are generated from the front matter and placed around this text.

## What makes this journey B2C

- **Decision:** one person, often in minutes, driven by emotion and convenience.
- **Channels:** social media, the website or app, email.
- **Feedback:** immediate: reviews, ratings, social posts and support contacts.

## How to use this map

- **Marketing** sees which moments spark the purchase.
- **Product** fixes the touchpoints with the lowest scores first.
- **Customer service** answers reviews and complaints where they appear.
"""

TEMPLATES = {"b2b": B2B, "b2c": B2C}

TRANSLATION_HEADER = """\
# Translation of {source} into `{lang}` (mkdocs-journeys).
# Replace the text in place and translate the narrative after the closing `---`. Keep every
# `id` as it is: items are matched to the source by id (touchpoints without an id by position).
# A field you delete is shown in the source language. The structure (scores, actors, segment,
# pairs) comes from the source; standard channels (email, social, ...) are translated for you.
# source_fingerprint: the source's structure when this file was made (`journeys fingerprint`);
# update it after bringing the translation in line with a changed source.
"""
