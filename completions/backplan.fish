# fish completion for backplan
#
# The words being completed go to `backplan __complete`, which answers from
# the program's own command line and catalog: one candidate a line,
# "WORD<TAB>WHAT", or ":files" for file names. The program run is the one on
# the line, a leading ~ or ~user expanded as the shell would. Left out: an
# item of a comma list already in the list (-c knee,<TAB> offers no
# knee,knee), and a condition flag ("same as --condition ...") already on the
# line.

function __backplan_complete
    set -l words (commandline -opc)
    set -l program $words[1]
    set -e words[1]
    set -l current (commandline -ct)
    if string match -q -- '~*' $program
        set -l user (string replace -r '/.*' '' -- $program | string sub -s 2)
        if string match -qr '^[A-Za-z0-9._-]*$' -- $user
            set -l home (eval echo "~$user")
            if not string match -q -- '~*' $home
                set program $home(string sub -s (math (string length -- "~$user") + 1) -- $program)
            end
        end
    end
    type -q -- $program; or return
    # The items of a comma list before the one at the cursor, in lower case
    # and without a "=VALUE"; after "--option=", its value's.
    set -l chosen
    if string match -q -- '*,*' $current
        set -l head (string replace -r ',[^,]*$' '' -- $current)
        string match -q -- '-*' $head; and set head (string replace -r '^[^=]*=' '' -- $head)
        set chosen (string split , -- $head | string replace -r '=.*' '' | string lower)
    end
    set -l given (string replace -r '=.*' '' -- $words)
    set -l lines ($program __complete $words "$current" 2>/dev/null)
    if contains -- :files $lines
        __fish_complete_path "$current"
        return
    end
    for line in $lines
        set -l word (string replace -r '\t.*' '' -- $line)
        if string match -q -- '*,*' $word
            contains -- (string replace -r '.*,' '' -- $word | string lower) $chosen; and continue
        end
        if string match -q -- '*'\t'same as --condition *' $line
            contains -- $word $given; and continue
        end
        printf '%s\n' $line
    end
end

complete -c backplan -f -a '(__backplan_complete)'
