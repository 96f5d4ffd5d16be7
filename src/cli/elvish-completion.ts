/**
 * The elvish completion script (cli.md §7.5). @bomb.sh/tab writes no elvish script, so this
 * one is NTNT's own: like the others it asks `ntnt complete -- WORDS…` for the candidates
 * (`value<TAB>description` lines, then a `:directive` line it skips).
 */

/** The script `ntnt completions elvish` prints; add it to ~/.config/elvish/rc.elv. */
export const ELVISH_SCRIPT = `# elvish completion for ntnt: ntnt completions elvish >> ~/.config/elvish/rc.elv
use str
set edit:completion:arg-completer[ntnt] = {|_ @args|
    # args: the words after ntnt; the last word is the one being completed ("" after a space).
    ntnt complete -- $@args 2>/dev/null | from-lines | each {|line|
        if (and (!=s $line '') (not (str:has-prefix $line ':'))) {
            var parts = [(str:split "\\t" $line)]
            if (> (count $parts) 1) {
                edit:complex-candidate $parts[0] &display=$parts[0]' - '$parts[1]
            } else {
                edit:complex-candidate $parts[0]
            }
        }
    }
}
`;
