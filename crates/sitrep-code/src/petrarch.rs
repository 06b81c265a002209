//! Import of PETRARCH/TABARI dictionaries (verbs, actors, agents) so that the PETRARCH
//! validation suite can be run with its own toy dictionaries.
