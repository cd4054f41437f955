// `backplan completion SHELL` prints a completion script for bash, zsh or
// fish, and the hidden `backplan __complete KIND` lists the catalog's words
// that the scripts complete.
//
// The scripts are generated here, at run time, from the program's own CLI11
// App: every command and option, whether it takes a value and, where CLI11
// knows them (IsMember), the values. So they cannot drift from the program,
// and the installed copies are made by running the built binary (see
// completions/CMakeLists.txt). Words that come from the catalog (conditions
// and their aliases, goals, regions, levels, positions, exercise ids and the
// plan's condition flags) are not written into the scripts: the scripts ask
// `backplan __complete` for them while completing, passing on the global
// options of the command line (--catalog, --no-builtin, ...), so that the
// conditions of a user's own catalog complete too.

#include "cli/commands.hpp"

#include "util/exit_status.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <map>
#include <memory>

namespace backplan::cli {

namespace {

// ---------------------------------------------------------------------------
// The command line as data, read from the App.

/// What an option's value or an operand is completed with.
struct Values {
  enum class Kind {
    flag,   ///< takes no value
    text,   ///< free text: nothing to complete
    files,  ///< a file or directory name
    words,  ///< one of `words`
    ask,    ///< what `backplan __complete <words>` prints
  };
  Kind kind = Kind::flag;
  std::vector<std::string> words;
  bool list = false;  ///< a comma-separated list of such values
};

struct OptionSpec {
  std::vector<std::string> names;  ///< "-c", "--condition"
  std::string help;
  std::string type_name;           ///< "ID[,ID...]", empty for a flag
  Values values;
  bool repeatable = false;
  bool exits = false;              ///< --help and --version: nothing follows them
};

struct OperandSpec {
  std::string name;
  std::string help;
  Values values;
  bool many = false;
};

struct CommandSpec {
  std::string name;  ///< empty for the program itself
  std::string help;
  std::vector<OptionSpec> options;
  std::vector<OperandSpec> operands;
};

struct CliSpec {
  CommandSpec global;
  std::vector<std::string> forwarded;  ///< global options passed on to `__complete`
  std::vector<CommandSpec> commands;
};

/// The catalog vocabulary that a value names, by the option's long name, or
/// by "COMMAND OPERAND" for an operand: the KIND of `backplan __complete KIND`.
const std::map<std::string, std::string> catalog_values = {
  {"--condition", "conditions"}, {"--goal", "goals"},         {"--region", "regions"},
  {"--level", "levels"},         {"--position", "positions"}, {"show ID", "exercises"},
};

/// Type names (CLI11's type_name) whose values are file or directory names.
const std::vector<std::string> path_types = {"PATH", "FILE", "DIR"};

/// Whether `option` is one of the flags that a command adds for each of the
/// catalog's conditions (plan's --knee, ...): those are asked for while
/// completing, like the conditions themselves, and not written into scripts.
bool is_condition_flag(const CLI::Option& option, const catalog::Catalog& catalog)
{
  return option.get_items_expected_max() == 0 && option.get_snames().empty() &&
         option.get_lnames().size() == 1 && catalog.conditions.find(option.get_lnames()[0]) != nullptr;
}

/// The option's type name ("ID[,ID...]") and, after it, the descriptions of
/// its checks, which CLI11 joins with ':' ("floor|desk:{floor,desk}").
std::vector<std::string> type_parts(const CLI::Option& option)
{
  auto parts = util::split_list(option.get_type_name(), ':');
  if (parts.empty()) {
    parts.emplace_back();
  }
  return parts;
}

/// The key of `option` in `catalog_values`.
std::string value_key(const CLI::Option& option, const std::string& command)
{
  if (!option.nonpositional()) {
    return command + " " + option.get_name(true);
  }
  return option.get_lnames().empty() ? "" : "--" + option.get_lnames().front();
}

/// The value of `option` in `command`: its kind from its type name, the
/// choices of an IsMember check, or the catalog vocabulary it names.
Values values_of(const CLI::Option& option, const std::string& command)
{
  Values values;
  if (option.get_items_expected_max() == 0) {
    return values;
  }
  const auto parts = type_parts(option);
  const std::string& type = parts.front();
  values.kind = Values::Kind::text;
  values.list = type.find(',') != std::string::npos;
  const auto found = catalog_values.find(value_key(option, command));
  if (found != catalog_values.end()) {
    values.kind = Values::Kind::ask;
    values.words = {found->second};
  } else if (std::find(path_types.begin(), path_types.end(), type) != path_types.end()) {
    values.kind = Values::Kind::files;
  }
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].size() > 2 && parts[i].front() == '{' && parts[i].back() == '}') {
      values.kind = Values::Kind::words;
      values.words = util::split_list(parts[i].substr(1, parts[i].size() - 2), ',');
    }
  }
  return values;
}

OptionSpec option_spec(const CLI::App& app, const CLI::Option& option)
{
  OptionSpec spec;
  for (const auto& name : option.get_snames()) {
    spec.names.push_back("-" + name);
  }
  for (const auto& name : option.get_lnames()) {
    spec.names.push_back("--" + name);
  }
  spec.help = option.get_description();
  spec.values = values_of(option, app.get_name());
  if (spec.values.kind != Values::Kind::flag) {
    spec.type_name = type_parts(option).front();
  }
  spec.repeatable = option.get_items_expected_max() > 1;
  spec.exits = &option == app.get_help_ptr() || &option == app.get_help_all_ptr() ||
               &option == app.get_version_ptr();
  return spec;
}

/// The options of `app`, those of its option groups (CLI11 makes them
/// subcommands without a name) included.
std::vector<const CLI::Option*> options_of(const CLI::App& app)
{
  auto options = app.get_options();
  for (const CLI::App* group : app.get_subcommands({})) {
    if (group->get_name().empty()) {
      const auto more = options_of(*group);
      options.insert(options.end(), more.begin(), more.end());
    }
  }
  return options;
}

CommandSpec command_spec(const CLI::App& app, const catalog::Catalog& catalog)
{
  CommandSpec spec{app.get_parent() != nullptr ? app.get_name() : "", app.get_description(), {}, {}};
  for (const CLI::Option* option : options_of(app)) {
    if (option->nonpositional()) {
      if (app.get_parent() == nullptr || !is_condition_flag(*option, catalog)) {
        spec.options.push_back(option_spec(app, *option));
      }
    } else {
      spec.operands.push_back({option->get_name(true), option->get_description(),
                               values_of(*option, app.get_name()),
                               option->get_items_expected_max() > 1});
    }
  }
  return spec;
}

/// Every visible command and option of `app`, the program's root App.
CliSpec cli_spec(const CLI::App& app, const catalog::Catalog& catalog)
{
  CliSpec spec;
  spec.global = command_spec(app, catalog);
  for (const auto& option : spec.global.options) {
    if (!option.exits) {
      spec.forwarded.insert(spec.forwarded.end(), option.names.begin(), option.names.end());
    }
  }
  for (const CLI::App* command : app.get_subcommands({})) {
    // An empty group hides a command (__complete); an empty name is an option group.
    if (!command->get_group().empty() && !command->get_name().empty()) {
      spec.commands.push_back(command_spec(*command, catalog));
    }
  }
  return spec;
}

// ---------------------------------------------------------------------------
// Shell text.

/// `text` with every `from` replaced by `to`.
std::string replace_all(std::string text, const std::string& from, const std::string& to)
{
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// `text` as one single-quoted word for bash and zsh.
std::string shell_quoted(const std::string& text)
{
  return "'" + replace_all(text, "'", "'\\''") + "'";
}

/// `text` as one single-quoted word for fish, where \ escapes too.
std::string fish_quoted(const std::string& text)
{
  return "'" + replace_all(replace_all(text, "\\", "\\\\"), "'", "\\'") + "'";
}

/// The template with each "@NAME@" replaced.
std::string fill(std::string text, const std::map<std::string, std::string>& fields)
{
  for (const auto& [name, value] : fields) {
    text = replace_all(std::move(text), "@" + name + "@", value);
  }
  return text;
}

const char* const header = R"SH(#
# Generated by 'backplan completion SHELL' from the program's own commands and
# options. Conditions and their aliases, goals, regions, levels, positions,
# exercise ids and the plan's condition flags come from the catalog in use:
# they are asked of backplan ('backplan __complete KIND') while completing,
# with the global options of the command line, so that the words of your own
# catalog (--catalog, ~/.config/backplan/catalog/) complete too.
)SH";

// ---------------------------------------------------------------------------
// bash

/// A value as the bash script's functions describe it: "flag", "text",
/// "files", "words W...", "ask KIND...", after "list " for a comma list.
std::string bash_value(const Values& values)
{
  static const std::map<Values::Kind, std::string> names = {
    {Values::Kind::flag, "flag"},   {Values::Kind::text, "text"}, {Values::Kind::files, "files"},
    {Values::Kind::words, "words"}, {Values::Kind::ask, "ask"}};
  std::string out = (values.list ? "list " : "") + names.at(values.kind);
  for (const auto& word : values.words) {
    out += " " + word;
  }
  return out;
}

const char* const bash_template = R"SH(# bash completion for backplan                              -*- shell-script -*-
@HEADER@
# _backplan_options COMMAND: sets REPLY to the options of COMMAND ('' for
# the global options, which come before the command).
_backplan_options()
{
    case $1 in
@OPTIONS@    *) REPLY= ;;
    esac
}

# _backplan_value COMMAND OPTION: sets REPLY to what the option takes:
# 'flag' (nothing), 'text', 'files', 'words WORD...' or 'ask KIND' (asked of
# backplan), any of them after 'list ' for a comma-separated list. Fails
# for an option COMMAND does not have.
_backplan_value()
{
    case "$1 $2" in
@VALUES@    *) return 1 ;;
    esac
}

# _backplan_operand COMMAND N: sets REPLY to what the Nth operand of COMMAND
# takes, as above, or to '' when it takes none.
_backplan_operand()
{
    case "$1 $2" in
@OPERANDS@    *) REPLY= ;;
    esac
}

# _backplan_forwarded OPTION: whether the global option is passed on to
# backplan when asking it for words.
_backplan_forwarded()
{
    case $1 in
    @FORWARDED@) return 0 ;;
    esac
    return 1
}

# _backplan_unquote WORD: sets REPLY to WORD without its quotes and with a
# leading ~/ expanded, as the shell will pass it.
_backplan_unquote()
{
    REPLY=$1
    if [[ $REPLY == \'*\' || $REPLY == \"*\" ]]; then
        REPLY=${REPLY:1:${#REPLY}-2}
    fi
    REPLY=${REPLY//\\ / }
    if [[ $REPLY == '~/'* ]]; then
        REPLY=$HOME/${REPLY:2}
    fi
}

# _backplan_ask KIND...: backplan's words for 'backplan __complete KIND...',
# one a line, asked with the global options in the caller's 'forward'.
_backplan_ask()
{
    local line
    _backplan_unquote "${COMP_WORDS[0]}"
    "$REPLY" "${forward[@]}" __complete "$@" 2>/dev/null |
        while IFS= read -r line; do
            printf '%s\n' "${line%%$'\t'*}"
        done
}

# _backplan_add PREFIX HEAD: adds HEAD and each word read that starts with
# PREFIX to COMPREPLY.
_backplan_add()
{
    local word
    while IFS= read -r word; do
        if [[ $word == "$1"* ]]; then
            COMPREPLY+=("$2$word")
        fi
    done
}

# _backplan_complete_value VALUE TEXT: completes TEXT as a value described
# as by _backplan_value.
_backplan_complete_value()
{
    local kind=$1 prefix=$2 head=
    local -a words
    if [[ $kind == 'list '* ]]; then
        kind=${kind#list }
        if [[ $prefix == *,* ]]; then
            head=${prefix%,*},
            prefix=${prefix##*,}
        fi
    fi
    read -ra words <<< "$kind"
    case ${words[0]} in
    files)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$prefix") ;;
    words)
        _backplan_add "$prefix" "$head" < <(printf '%s\n' "${words[@]:1}") ;;
    ask)
        _backplan_add "$prefix" "$head" < <(_backplan_ask "${words[@]:1}") ;;
    esac
}

# _backplan_complete_option COMMAND TEXT: completes TEXT as an option of
# COMMAND, the catalog's condition flags included.
_backplan_complete_option()
{
    local REPLY
    local -a options
    _backplan_options "$1"
    read -ra options <<< "$REPLY"
    _backplan_add "$2" '' < <(printf '%s\n' "${options[@]}")
    if [[ -n $1 ]]; then
        _backplan_add "$2" '' < <(_backplan_ask flags "$1")
    fi
}

_backplan()
{
    local REPLY cur word option kind command= expect= operands=0 dashdash= i n
    local -a words=() forward=()
    COMPREPLY=()

    # The words up to the cursor, each --option=value joined again where bash
    # split it at the '='.
    for ((i = 0; i <= COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        n=${#words[@]}
        if [[ $word == = && $n -gt 1 && ${words[n-1]} == --* && ${words[n-1]} != *=* ]]; then
            words[n-1]+==
            if ((i < COMP_CWORD)); then
                i=$((i + 1))
                words[n-1]+=${COMP_WORDS[i]}
            fi
        else
            words+=("$word")
        fi
    done
    n=$((${#words[@]} - 1))
    cur=${words[n]}

    # The command, its operands so far, the global options to pass on, and
    # whether the word at the cursor is an option's value.
    for ((i = 1; i < n; i++)); do
        word=${words[i]}
        if [[ -n $expect ]]; then
            if [[ $expect == forward ]]; then
                _backplan_unquote "$word"
                forward+=("$REPLY")
            fi
            expect=
            continue
        fi
        if [[ -n $dashdash || $word != -?* ]]; then
            if [[ -z $command ]]; then
                command=$word
            else
                operands=$((operands + 1))
            fi
            continue
        fi
        if [[ $word == -- ]]; then
            dashdash=1
            continue
        fi
        option=${word%%=*}
        if [[ -n $command ]] && _backplan_value "$command" "$option"; then
            kind=$REPLY
            [[ $kind != flag && $word != *=* ]] && expect=value
        elif _backplan_value '' "$option"; then
            kind=$REPLY
            if _backplan_forwarded "$option" && [[ $word == *=* ]]; then
                _backplan_unquote "${word#*=}"
                forward+=("$option=$REPLY")
            elif _backplan_forwarded "$option"; then
                forward+=("$option")
                [[ $kind != flag ]] && expect=forward
            else
                [[ $kind != flag && $word != *=* ]] && expect=value
            fi
        fi
    done

    if [[ -n $expect ]]; then
        _backplan_complete_value "$kind" "$cur"
    elif [[ -z $dashdash && $cur == --*=* ]]; then
        option=${cur%%=*}
        { [[ -n $command ]] && _backplan_value "$command" "$option"; } ||
            _backplan_value '' "$option" || return 0
        _backplan_complete_value "$REPLY" "${cur#*=}"
        # Where bash did not split the word at the '=', a reply replaces all of it.
        if [[ ${COMP_WORDS[COMP_CWORD]} != = && ${COMP_WORDS[COMP_CWORD-1]} != = ]]; then
            COMPREPLY=("${COMPREPLY[@]/#/"$option="}")
        fi
    elif [[ -z $dashdash && $cur == -* ]]; then
        _backplan_complete_option "$command" "$cur"
    elif [[ -z $command ]]; then
        _backplan_add "$cur" '' < <(printf '%s\n' @COMMANDS@)
    else
        _backplan_operand "$command" $((operands + 1))
        if [[ -n $REPLY ]]; then
            _backplan_complete_value "$REPLY" "$cur"
        elif [[ -z $cur && -z $dashdash ]]; then
            _backplan_complete_option "$command" "$cur"
        fi
    fi
    return 0
}

complete -F _backplan backplan
)SH";

std::string bash_script(const CliSpec& cli)
{
  std::string options, values, operands, commands;
  const auto add = [&](const CommandSpec& command) {
    std::vector<std::string> names;
    for (const auto& option : command.options) {
      names.insert(names.end(), option.names.begin(), option.names.end());
      std::vector<std::string> keys;
      for (const auto& name : option.names) {
        keys.push_back(shell_quoted(command.name + " " + name));
      }
      values += fmt::format("    {}) REPLY={} ;;\n", util::join(keys, "|"),
                            shell_quoted(bash_value(option.values)));
    }
    options += fmt::format("    {}) REPLY={} ;;\n", shell_quoted(command.name),
                           shell_quoted(util::join(names, " ")));
    for (std::size_t i = 0; i < command.operands.size(); ++i) {
      const auto& operand = command.operands[i];
      const std::string index = operand.many ? "'*" : std::to_string(i + 1) + "'";
      operands += fmt::format("    '{} {}) REPLY={} ;;\n", command.name, index,
                              shell_quoted(bash_value(operand.values)));
    }
  };
  add(cli.global);
  for (const auto& command : cli.commands) {
    add(command);
    commands += (commands.empty() ? "" : " ") + shell_quoted(command.name);
  }
  const std::string forwarded = cli.forwarded.empty() ? "''" : util::join(cli.forwarded, "|");
  return fill(bash_template, {{"HEADER", header},
                              {"OPTIONS", options},
                              {"VALUES", values},
                              {"OPERANDS", operands},
                              {"FORWARDED", forwarded},
                              {"COMMANDS", commands}});
}

// ---------------------------------------------------------------------------
// zsh

/// `text` escaped for the [description] and :message: parts of an
/// _arguments spec.
std::string zsh_escaped(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '[' || c == ']' || c == ':') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

/// The _arguments action that completes `values`.
std::string zsh_action(const Values& values)
{
  switch (values.kind) {
  case Values::Kind::files:
    return "_files";
  case Values::Kind::words:
    return "(" + util::join(values.words, " ") + ")";
  case Values::Kind::ask:
    return "_backplan_values " + std::string(values.list ? "list " : "") + util::join(values.words, " ");
  default:
    return " ";
  }
}

/// The _arguments specs of one option, a line each, with a trailing " \".
std::string zsh_option_specs(const OptionSpec& option)
{
  std::string exclusions;
  if (option.exits) {
    exclusions = "(- *)";
  } else if (option.repeatable) {
    exclusions = "*";
  } else {
    exclusions = "(" + util::join(option.names, " ") + ")";
  }
  std::string out;
  for (const auto& name : option.names) {
    std::string spec = exclusions + name;
    if (option.values.kind != Values::Kind::flag) {
      spec += name.starts_with("--") ? "=" : "+";
    }
    spec += "[" + zsh_escaped(option.help) + "]";
    if (option.values.kind != Values::Kind::flag) {
      spec += ":" + zsh_escaped(option.type_name) + ":" + zsh_action(option.values);
    }
    out += "    " + shell_quoted(spec) + " \\\n";
  }
  return out;
}

std::string zsh_operand_specs(const std::vector<OperandSpec>& operands)
{
  std::string out;
  for (std::size_t i = 0; i < operands.size(); ++i) {
    const auto& operand = operands[i];
    const std::string spec = (operand.many ? "*" : std::to_string(i + 1)) + ":" +
                             zsh_escaped(operand.name) + ":" + zsh_action(operand.values);
    out += "    " + shell_quoted(spec) + " \\\n";
  }
  return out;
}

const char* const zsh_template = R"SH(#compdef backplan
# zsh completion for backplan
@HEADER@
# _backplan_unquote WORD: sets REPLY to WORD without its quotes and with a
# leading ~/ expanded, as the shell will pass it.
_backplan_unquote() {
  REPLY=${(Q)1}
  [[ $REPLY == '~/'* ]] && REPLY=$HOME/${REPLY#'~/'}
}

# _backplan_ask KIND...: backplan's 'WORD<tab>DESCRIPTION' lines for
# 'backplan __complete KIND...', asked with the global options of the
# command line being completed.
_backplan_ask() {
  local word program
  local -a forward
  local -i i=2
  while (( i < _backplan_current )); do
    word=${_backplan_line[i]}
    case $word in
@FORWARD@    esac
    (( i++ ))
  done
  _backplan_unquote "${_backplan_line[1]}"
  program=$REPLY
  "$program" "${forward[@]}" __complete "$@" 2>/dev/null
}

# _backplan_values [list] KIND: completes the catalog's words of that kind,
# after the commas of a comma-separated list. (_arguments puts options of its
# own first.)
_backplan_values() {
  local kind=$argv[-1] line word
  local -a items
  for line in ${(f)"$(_backplan_ask $kind)"}; do
    word=${line%%$'\t'*}
    if [[ $line == *$'\t'* ]]; then
      items+=("${word//:/\\:}:${line#*$'\t'}")
    else
      items+=("${word//:/\\:}")
    fi
  done
  [[ $argv[-2] == list ]] && compset -P '*,'
  _describe -t $kind $kind items
}

# _backplan_flags COMMAND: sets 'flags' to the _arguments specs of the
# catalog's condition flags of COMMAND.
_backplan_flags() {
  local line word description
  flags=()
  for line in ${(f)"$(_backplan_ask flags "$1")"}; do
    word=${line%%$'\t'*}
    description=${line#*$'\t'}
    description=${description//\\/\\\\}
    description=${description//\[/\\[}
    description=${description//\]/\\]}
    description=${description//:/\\:}
    flags+=("${word}[${description}]")
  done
}

_backplan_commands() {
  local -a commands
  commands=(
@COMMAND_LIST@  )
  _describe -t commands 'backplan command' commands
}
@COMMAND_FUNCTIONS@
_backplan() {
  local curcontext=$curcontext state state_descr line ret=1
  local -a _backplan_line
  _backplan_line=("${words[@]}")
  local -i _backplan_current=$CURRENT
  typeset -A opt_args
  _arguments -C \
@GLOBAL_SPECS@    ': :_backplan_commands' \
    '*:: :->command' && ret=0
  if [[ $state == command ]]; then
    curcontext=${curcontext%:*:*}:backplan-$words[1]:
    case $words[1] in
@DISPATCH@    esac
  fi
  return ret
}

if [[ $funcstack[1] == _backplan ]]; then
  _backplan "$@"
else
  compdef _backplan backplan
fi
)SH";

std::string zsh_script(const CliSpec& cli)
{
  std::string forward, command_list, functions, dispatch, global;
  for (const auto& option : cli.global.options) {
    if (option.exits) {
      continue;
    }
    const std::string names = util::join(option.names, "|");
    if (option.values.kind == Values::Kind::flag) {
      forward += fmt::format("      ({}) forward+=(\"$word\") ;;\n", names);
    } else {
      std::vector<std::string> attached;
      for (const auto& name : option.names) {
        attached.push_back(name + "=*");
      }
      forward += fmt::format("      ({}) _backplan_unquote \"${{_backplan_line[i+1]}}\"; "
                             "forward+=(\"$word\" \"$REPLY\"); (( i++ )) ;;\n"
                             "      ({}) _backplan_unquote \"${{word#*=}}\"; "
                             "forward+=(\"${{word%%=*}}=$REPLY\") ;;\n",
                             names, util::join(attached, "|"));
    }
  }
  for (const auto& option : cli.global.options) {
    global += zsh_option_specs(option);
  }
  for (const auto& command : cli.commands) {
    command_list += "    " + shell_quoted(command.name + ":" + command.help) + "\n";
    const std::string function = "_backplan_command_" + replace_all(command.name, "-", "_");
    std::string specs;
    for (const auto& option : command.options) {
      specs += zsh_option_specs(option);
    }
    specs += zsh_operand_specs(command.operands);
    functions += fmt::format("\n{}() {{\n  local -a flags\n  _backplan_flags {}\n  _arguments \\\n{}"
                             "    \"${{flags[@]}}\"\n}}\n",
                             function, shell_quoted(command.name), specs);
    dispatch += fmt::format("    ({}) {} && ret=0 ;;\n", command.name, function);
  }
  return fill(zsh_template, {{"HEADER", header},
                             {"FORWARD", forward},
                             {"COMMAND_LIST", command_list},
                             {"COMMAND_FUNCTIONS", functions},
                             {"GLOBAL_SPECS", global},
                             {"DISPATCH", dispatch}});
}

// ---------------------------------------------------------------------------
// fish

/// The `complete` arguments that complete `values`.
std::string fish_values(const Values& values)
{
  switch (values.kind) {
  case Values::Kind::flag:
    return "";
  case Values::Kind::files:
    return " -r -F";
  case Values::Kind::words:
    return " -x -a " + fish_quoted(util::join(values.words, " "));
  case Values::Kind::ask:
    return " -x -a " + fish_quoted(fmt::format("({} {})",
                                               values.list ? "__backplan_list" : "__backplan_ask",
                                               util::join(values.words, " ")));
  default:
    return " -x";
  }
}

/// The `complete` line for an operand; none for free text.
std::string fish_operand(const std::string& condition, const Values& values)
{
  std::string arguments;
  switch (values.kind) {
  case Values::Kind::files:
    arguments = " -F";
    break;
  case Values::Kind::words:
  case Values::Kind::ask:
    arguments = fish_values(values).substr(3);  // without " -x", which would refuse options
    break;
  default:
    return "";
  }
  return fmt::format("complete -c backplan -n {}{}\n", fish_quoted(condition), arguments);
}

std::string fish_option(const std::string& condition, const OptionSpec& option)
{
  std::string names;
  for (const auto& name : option.names) {
    names += name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1);
  }
  return fmt::format("complete -c backplan -n {}{}{} -d {}\n", fish_quoted(condition), names,
                     fish_values(option.values), fish_quoted(option.help));
}

const char* const fish_template = R"SH(# fish completion for backplan
@HEADER@
# The command of the command line being completed, if it has one yet.
function __backplan_command
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    for token in $tokens
        if test $skip -eq 1
            set skip 0
        else if string match -q -- '-*' $token
            contains -- $token @GLOBAL_VALUE_OPTIONS@; and set skip 1
        else
            echo $token
            return 0
        end
    end
    return 1
end

function __backplan_using --argument-names command
    set -l current (__backplan_command)
    test "$current" = "$command"
end

function __backplan_no_command
    not __backplan_command >/dev/null
end

# The global options of the command line, one a line, to pass on to backplan
# when asking it for words.
function __backplan_forward
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l next 0
    for token in $tokens
        if test $next -eq 1
            string replace -r -- '^~/' "$HOME/" $token
            set next 0
            continue
        end
        switch $token
@FORWARD@        end
    end
end

# backplan's 'WORD<tab>DESCRIPTION' lines for 'backplan __complete KIND...'.
function __backplan_ask
    set -l tokens (commandline -opc)
    set -l program (string replace -r -- '^~/' "$HOME/" $tokens[1])
    $program (__backplan_forward) __complete $argv 2>/dev/null
end

# Like __backplan_ask, each after the comma list typed so far.
function __backplan_list
    set -l token (commandline -ct | string replace -r -- '^--?[^=]*=' '')
    set -l head (string replace -r -- '[^,]*$' '' "$token")
    for line in (__backplan_ask $argv)
        echo "$head$line"
    end
end

complete -c backplan -f
@COMPLETIONS@)SH";

std::string fish_script(const CliSpec& cli)
{
  std::vector<std::string> value_options, forward_value, forward_plain;
  for (const auto& option : cli.global.options) {
    if (option.values.kind == Values::Kind::flag) {
      if (!option.exits) {
        forward_plain.insert(forward_plain.end(), option.names.begin(), option.names.end());
      }
      continue;
    }
    value_options.insert(value_options.end(), option.names.begin(), option.names.end());
    if (!option.exits) {
      forward_value.insert(forward_value.end(), option.names.begin(), option.names.end());
      for (const auto& name : option.names) {
        forward_plain.push_back(fish_quoted(name + "=*"));
      }
    }
  }
  std::string forward;
  if (!forward_value.empty()) {
    forward += fmt::format(
      "            case {}\n                echo $token\n                set next 1\n",
      util::join(forward_value, " "));
  }
  if (!forward_plain.empty()) {
    forward += fmt::format("            case {}\n                echo $token\n",
                           util::join(forward_plain, " "));
  }

  std::string completions = "\n# Commands and global options.\n";
  for (const auto& command : cli.commands) {
    completions += fmt::format("complete -c backplan -n __backplan_no_command -a {} -d {}\n",
                               fish_quoted(command.name), fish_quoted(command.help));
  }
  for (const auto& option : cli.global.options) {
    completions += fish_option("__backplan_no_command", option);
  }
  for (const auto& command : cli.commands) {
    const std::string condition = "__backplan_using " + command.name;
    completions += fmt::format("\n# backplan {}\n", command.name);
    for (const auto& option : command.options) {
      completions += fish_option(condition, option);
    }
    completions += fmt::format(
      "complete -c backplan -n {} -a {}\n",
      fish_quoted(condition + "; and string match -q -- '-*' (commandline -ct)"),
      fish_quoted("(__backplan_ask flags " + command.name + ")"));
    for (const auto& operand : command.operands) {
      completions += fish_operand(condition, operand.values);
    }
  }
  return fill(fish_template, {{"HEADER", header},
                              {"GLOBAL_VALUE_OPTIONS", util::join(value_options, " ")},
                              {"FORWARD", forward},
                              {"COMPLETIONS", completions}});
}

// ---------------------------------------------------------------------------
// `backplan __complete KIND`

/// "WORD\tDESCRIPTION", or WORD alone when there is no description.
std::string entry(const std::string& word, const std::string& description)
{
  return description.empty() ? word + "\n" : word + "\t" + description + "\n";
}

/// The lines `backplan __complete` prints for `kind` (and its argument).
std::string listing(const CLI::App& app, const catalog::Catalog& catalog, const std::string& kind,
                    const std::string& argument)
{
  static const std::map<std::string, catalog::Vocabulary catalog::Catalog::*> vocabularies = {
    {"goals", &catalog::Catalog::goals},
    {"regions", &catalog::Catalog::regions},
    {"levels", &catalog::Catalog::levels},
    {"positions", &catalog::Catalog::positions}};
  std::string out;
  if (const auto found = vocabularies.find(kind); found != vocabularies.end()) {
    for (const auto& term : (catalog.*(found->second)).terms) {
      out += entry(term.id, term.name);
    }
  } else if (kind == "conditions") {
    for (const auto& term : catalog.conditions.terms) {
      out += entry(term.id, term.name);
      for (const auto& alias : term.aliases) {
        out += entry(alias, fmt::format("{} ({})", term.name, term.id));
      }
    }
  } else if (kind == "exercises") {
    for (const auto& exercise : catalog.exercises) {
      out += entry(exercise.id, exercise.name);
    }
  } else if (kind == "flags") {
    for (const CLI::App* command : app.get_subcommands({})) {
      if (command->get_name() != argument) {
        continue;
      }
      for (const CLI::Option* option : options_of(*command)) {
        if (is_condition_flag(*option, catalog)) {
          out += entry("--" + option->get_lnames()[0], option->get_description());
        }
      }
    }
  }
  return out;
}

const std::vector<std::string> listing_kinds = {"conditions", "goals",     "regions", "levels",
                                                "positions",  "exercises", "flags"};

} // namespace

Runner add_completion_command(CLI::App& app, Context& context)
{
  // The hidden listing the scripts ask while completing. It runs as the
  // command line is parsed, as a CLI11 callback, because the runner returned
  // here is `completion`'s. A catalog with errors still lists what loaded:
  // completion stays quiet.
  auto kind = std::make_shared<std::string>();
  auto argument = std::make_shared<std::string>();
  CLI::App* listing_command = app.add_subcommand("__complete", "the words completion scripts complete");
  listing_command->group("");
  listing_command->add_option("KIND", *kind)->required()->check(CLI::IsMember(listing_kinds));
  listing_command->add_option("COMMAND", *argument, "the command whose flags to list");
  listing_command->callback([&app, &context, kind, argument] {
    write_output(listing(app, context.loaded().catalog, *kind, *argument), "");
  });

  auto shell = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
    "completion", "print the completion script for bash, zsh or fish");
  command->add_option("SHELL", *shell, "bash, zsh or fish")
    ->required()
    ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  command->add_option("-o,--output", *output, "write to FILE (atomically) instead of stdout")
    ->type_name("FILE");
  return [&app, &context, shell, output] {
    const CliSpec cli = cli_spec(app, context.loaded().catalog);
    const std::string script = *shell == "bash" ? bash_script(cli)
                               : *shell == "zsh" ? zsh_script(cli)
                                                 : fish_script(cli);
    write_output(script, *output);
  };
}

} // namespace backplan::cli
