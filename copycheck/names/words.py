"""Word lists the name rules share: titles, ordinary words, run leads and word endings."""
from __future__ import annotations

# Words that begin a run of capitals without being part of the name ("The Libyan National Army").
_RUN_LEAD = frozenset(
    "the a an this that these those in on at for of to by with from and but or as if when while after "
    "before his her its their our my your".split()
)

# Honorifics and offices written before a surname ("Mr Serraj", "Gen Haftar"): a bare
# surname after a title refers back to a person named in full earlier.
TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady rev gen col capt maj lt sgt cpl adm cmdr
    president minister premier chancellor secretary judge justice senator sen rep governor gov
    king queen prince princess sheikh ayatollah imam pope bishop archbishop cardinal father
    mayor chairman chief general colonel captain major commander marshal inspector detective
    officer constable coach manager striker defender midfielder goalkeeper keeper singer
    actor actress director presenter chef ambassador envoy spokesman spokeswoman
    """.split()
)

# Courtesy titles and ranks: "Mr Serraj" refers back to a person already named in full,
# whereas an office ("President Reagan") can introduce someone new.
COURTESY = frozenset("mr mrs ms miss dr prof sir dame lord lady rev gen col capt maj lt sgt cpl adm cmdr sheikh judge".split())

# Ordinary English words that news copy capitalises at the start of a sentence or in a
# headline. A word that also appears in lowercase in the same article is treated as
# ordinary too, so this list only has to cover the frequent ones.
COMMON_WORDS = frozenset(
    """a about above after again against ago ahead all almost also although always am among an and
    another any anyone anything are around as at away back be because been before being below
    best better between both but by can could despite did do does doing done down during each
    either else even ever every few first for from further had has have having he her here hers
    herself him himself his how however i if in inside instead into is it its itself just last
    later least less like many may me meanwhile might more most much must my myself near neither
    never nevertheless new next no none nor not now of off often on once one only or other others
    otherwise our ours ourselves out outside over own perhaps quite rather really same second
    several she should since so some someone something sometimes soon still such than that the
    their theirs them themselves then there therefore these they third this those though three
    through thus to today together tomorrow too two under unless until up upon us very was we
    well were what whatever when whenever where whereas wherever whether which while who whoever
    whole whom whose why will with within without would yesterday yet you your yours yourself
    monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays
    thursdays fridays saturdays sundays january february march april may june july august
    september october november december spring summer autumn winter christmas easter
    north south east west northern southern eastern western central upper lower great greater
    new old big little high low good bad long short young free open national international
    royal general united federal state states government ministry department office council
    committee commission party parliament house senate congress court supreme high army navy
    air force forces police service services agency authority board bank group company corp
    inc ltd plc co club league cup championship championships open award awards prize festival
    school college university institute academy hospital church street road avenue square park
    bridge river lake mountain island islands city town county district region province
    republic kingdom empire union association federation foundation trust fund society centre
    center museum gallery theatre hall tower station airport port centre world global european
    african asian american british english french german russian chinese japanese indian arab
    arabic islamic christian jewish muslim catholic labour conservative liberal democrat
    democrats democratic republican republicans green greens tory tories socialist communist
    news times post daily weekly sunday herald star mail journal press radio television tv film
    films music records games game show series season episode chapter part volume book books
    man men woman women people children boy boys girl girls family home secretary minister
    ministers president prime deputy vice former ex acting interim chief head leader leaders
    member members chairman director directors manager officer officials official spokesman
    executive executives shadow home foreign affairs defence defense health education finance
    treasury trade industry energy environment transport justice interior economy economic
    security peace war battle operation mission project programme program plan act bill law
    report review study survey research data index market markets stock exchange fund
    money price prices rate rates tax budget deal talks summit conference meeting forum day
    week month year years time times night morning evening afternoon weekend today
    yes no ok okay please thanks thank dear sorry hello welcome
    said says say told asked added according announced called claimed
    it's don't can't won't isn't
    one two three four five six seven eight nine ten hundred thousand million billion
    mr mrs ms dr sir lord lady st saint
    agriculture agricultural commodity commodities community communities automobile automotive
    technology technologies healthcare health network networks utility utilities universal
    financial finance industries industrial industry insurance savings loan loans mortgage
    investment investments investors holdings holding capital securities partners resources
    systems system products product communications electric electronics energy petroleum oil
    gas chemical chemicals steel motors motor airlines airline pipeline pipelines transmission
    development corporation incorporated limited enterprises international american national
    federal reserve commerce commercial economic stabilization conservation alternative
    alternatively presidential administration department departments
    """.split()
)

# Endings that make a different word from the same stem: a demonym, a plural, a
# diminutive. "Libya"/"Libyan" and "Steve"/"Stevie" are different words, not misspellings.
DERIVATION_ENDINGS = frozenset(
    """s es n an ans ian ians ean eans ese ish i is ic ics ism ist ists ite ites y ie ies ey
    er ers ed ing a ia e in ine al ly o""".split()
) | {""}


# Endings of English words, not of names: two capitalised "-ing" or "-tion" words that
# differ by a letter are two words ("Banking", "Baking"), unless only case differs.
WORD_ENDINGS = ("ing", "tion", "sion", "ment", "ness", "ity", "ship", "ance", "ence", "ous", "ive", "able",
                "ible", "ally", "ical")
