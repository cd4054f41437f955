#pragma once

#include "catalog/file_reader.hpp"
#include "catalog/keys.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace backplan::catalog {

/// A reference from one vocabulary's term to another vocabulary's id,
/// checked once every vocabulary file of every layer has been read.
struct TermReference {
  Vocabulary Catalog::*vocabulary;
  const char* noun;
  std::string id;
  Location where;
  std::vector<Diagnostic>* out; ///< the diagnostics of the file that refers
};

/// Reads the parsed vocabulary file `root` into `catalog`'s vocabulary
/// named by `spec`: a term whose id this layer already defined (`seen_in_layer`)
/// is an error, one an earlier layer defined is replaced. References to other
/// vocabularies go to `references`, reporting to `diagnostics`.
void read_vocabulary(const YAML::Node& root, const VocabularySpec& spec, FileReader& reader, Catalog& catalog,
                     std::map<std::string, Location>& seen_in_layer, std::vector<Diagnostic>& diagnostics,
                     std::vector<TermReference>& references);

/// Checks that `id` is a term of `vocabulary`; reports at `where` if not,
/// with the id an alias or a near miss stands for and the valid ids.
bool check_reference(FileReader& reader, const Vocabulary& vocabulary, const char* noun,
                     const std::string& id, const Location& where);

/// Reports, at the alias, every condition alias that equals a condition id
/// or another condition's alias (compared case-insensitively), so that a
/// name always means one condition. `report` takes the alias's position.
void check_aliases(const Vocabulary& conditions,
                   const std::function<void(const Location&, std::string)>& report);

} // namespace backplan::catalog
