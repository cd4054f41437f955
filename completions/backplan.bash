# bash completion for backplan                              -*- shell-script -*-
#
# The words being completed go to `backplan __complete`, which answers from
# the program's own command line and catalog (the --catalog and --no-builtin
# options on the line included): one candidate a line, "WORD<TAB>WHAT", or
# ":files" for file names. The program run is the one on the line, a leading
# ~ or ~user expanded as the shell would. Left out: an item of a comma list
# already in the list (-c knee,<TAB> offers no knee,knee), and a condition flag
# ("same as --condition ...") already on the line.

_backplan()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local program=${COMP_WORDS[0]}
    if [[ $program == "~"* ]]; then
        local user=${program%%/*} home=""
        user=${user#"~"}
        if [[ $user =~ ^[A-Za-z0-9._-]*$ ]]; then
            eval "home=~$user"
            [[ $home != "~"* ]] && program=$home${program#"~$user"}
        fi
    fi
    # The items of a comma list before the one at the cursor, in lower case
    # and without a "=VALUE"; after "--option=", its value's.
    local -A chosen=() given=()
    local head item
    if [[ $cur == *,* ]]; then
        head=${cur%,*}
        [[ $head == -* ]] && head=${head#*=}
        local -a items
        IFS=, read -r -a items <<<"$head"
        for item in "${items[@]}"; do
            item=${item%%=*}
            [[ -n $item ]] && chosen[${item,,}]=1
        done
    fi
    local i
    for ((i = 1; i < COMP_CWORD; i++)); do
        item=${COMP_WORDS[i]%%=*}
        [[ -n $item ]] && given[$item]=1
    done
    local -a candidates=()
    local line word files=0
    while IFS= read -r line; do
        if [[ $line == ":files" ]]; then
            files=1
        elif [[ -n $line ]]; then
            word=${line%%$'\t'*}
            if [[ $word == *,* ]]; then
                item=${word##*,}
                [[ -n $item && -n ${chosen[${item,,}]:-} ]] && continue
            fi
            [[ $line == *$'\tsame as --condition '* && -n ${given[$word]:-} ]] && continue
            candidates+=("$word")
        fi
    done < <("$program" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
    if ((files)); then
        [[ $cur == "=" ]] && cur=""
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return 0
    fi
    COMPREPLY=("${candidates[@]}")
    return 0
}

complete -F _backplan backplan
