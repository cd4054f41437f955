# bash completion for backplan                              -*- shell-script -*-
#
# The words being completed go to `backplan __complete`, which answers from
# the program's own command line and catalog (the --catalog and --no-builtin
# options on the line included): one candidate a line, "WORD<TAB>WHAT", or
# ":files" for file names.

_backplan()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local -a candidates=()
    local line files=0
    while IFS= read -r line; do
        if [[ $line == ":files" ]]; then
            files=1
        elif [[ -n $line ]]; then
            candidates+=("${line%%$'\t'*}")
        fi
    done < <("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
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
