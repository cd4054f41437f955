# fish completion for backplan
#
# The words being completed go to `backplan __complete`, which answers from
# the program's own command line and catalog: one candidate a line,
# "WORD<TAB>WHAT", or ":files" for file names.

function __backplan_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l current (commandline -ct)
    set -l lines (backplan __complete $words "$current" 2>/dev/null)
    if contains -- :files $lines
        __fish_complete_path "$current"
        return
    end
    printf '%s\n' $lines
end

complete -c backplan -f -a '(__backplan_complete)'
