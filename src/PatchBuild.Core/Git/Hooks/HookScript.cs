using System.Text;

namespace PatchBuild.Core.Git.Hooks;

/// <summary>
/// The pre-commit hook as a POSIX sh script. It must work wherever git runs hooks (terminals, IDEs and GUI clients
/// that start it with a bare PATH, Git for Windows' sh), start fast, and find PatchBuild in this order: the
/// repository's local tool manifest (the version the team pinned), the command recorded at install, a global tool.
/// </summary>
public static class HookScript
{
    /// <summary>The line that marks a hook as ours: install overwrites only hooks that carry it, uninstall removes only those.</summary>
    public const string Marker = "# patchbuild-managed-hook v1";

    public const string PreviousSuffix = ".patchbuild-previous";

    public static string Create(string hookName, ToolCommand tool)
    {
        var script = new StringBuilder();
        script.Append("#!/bin/sh\n");
        script.Append(Marker).Append('\n');
        script.Append("# Installed by 'patchbuild hook install'; 'patchbuild hook uninstall' removes it and restores the hook it replaced.\n");
        script.Append("# Skip once: git commit --no-verify, or PATCHBUILD_SKIP=1 git commit.\n\n");
        script.Append($"PATCHBUILD_RECORDED_EXE={Quote(tool.ExecutablePath)}\n");
        script.Append($"PATCHBUILD_RECORDED_DLL={Quote(tool.AssemblyPath)}\n");
        script.Append($"PATCHBUILD_RECORDED_DOTNET={Quote(tool.DotnetPath)}\n");
        script.Append(Body.Replace("@HOOK@", hookName, StringComparison.Ordinal).Replace("@PREVIOUS@", hookName + PreviousSuffix, StringComparison.Ordinal)
            .Replace("@STAMP@", HookStateStamp.FileName, StringComparison.Ordinal).Replace("@JOURNAL@", HookStateStamp.JournalPath, StringComparison.Ordinal)
            .Replace("@HEADER@", HookStateStamp.Header, StringComparison.Ordinal));
        // sh reads a CR as part of the command: the script is LF-only whatever line endings this source was checked out with.
        return script.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>True when the file at <paramref name="path"/> is a hook this tool wrote.</summary>
    public static bool IsOurs(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            for (int i = 0; i < 5 && reader.ReadLine() is { } line; i++)
            {
                if (line.Trim() == Marker)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }

    // sh single quotes take everything literally except the quote itself, written as '\''.
    private static string Quote(string? value) => value is null ? "''" : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private const string Body = """

        case "$0" in
          */*) hook_dir=${0%/*} ;;
          *) hook_dir=. ;;
        esac

        # The hook that was here before PatchBuild runs first; its failure fails the commit.
        if [ -x "$hook_dir/@PREVIOUS@" ] && [ -z "${PATCHBUILD_IN_PREVIOUS_HOOK:-}" ]; then
          PATCHBUILD_IN_PREVIOUS_HOOK=1 "$hook_dir/@PREVIOUS@" "$@" || exit $?
        fi

        case "${PATCHBUILD_SKIP:-}" in
          1|true|TRUE|True|yes|YES)
            echo "patchbuild: warning: PATCHBUILD_SKIP is set; the @HOOK@ checks were skipped." >&2
            exit 0 ;;
        esac

        # Most commits stage nothing PatchBuild judges, and git itself can tell, before any .NET process starts
        # (docs/hook.md, "Speed"). Every answer here is conservative: 0 (run the engine) unless git proved that the
        # full check has nothing to find. It must never pass a commit the engine would block.
        # True when .git/@STAMP@, which only the engine writes, describes patchbuild.json and the top-level journal
        # exactly as git sees them now: the index entry and the object hashes of the files on disk. Any difference,
        # a link, or a linked work tree (.git is a file there) is "unknown", and the engine runs.
        state_known() {
          [ -d .git ] && [ ! -L .git ] && [ -f .git/@STAMP@ ] && [ ! -L .git/@STAMP@ ] || return 1
          for path in patchbuild.json .patchbuild @JOURNAL@; do
            if [ -L "$path" ]; then return 1; fi
          done
          if [ -e .patchbuild ] && [ ! -d .patchbuild ]; then return 1; fi
          set --
          for path in patchbuild.json @JOURNAL@; do
            if [ -e "$path" ]; then
              [ -f "$path" ] || return 1
              set -- "$@" "$path"
            fi
          done
          known=$(printf '%s\n' '@HEADER@' &&
                  git --literal-pathspecs ls-files -s -- patchbuild.json &&
                  if [ $# -gt 0 ]; then git --literal-pathspecs hash-object --no-filters -- "$@"; fi) || return 1
          recorded=$(cat .git/@STAMP@) || return 1
          [ "$known" = "$recorded" ]
        }

        engine_needed() {
          # git starts the hook at the top of the working tree; from anywhere else, the engine decides.
          [ -e .git ] || return 0
          # Settings may add patch names or require applied patches, and a top-level journal may hold an unfinished
          # apply: the engine reads both, and says in the git folder when neither matters (HookStateStamp).
          for state in patchbuild.json .patchbuild; do
            if [ -e "$state" ] || [ -L "$state" ]; then
              state_known || return 0
              break
            fi
          done
          # Paths as git quotes them: any name with a control character, a quote, a backslash or a non-ASCII byte comes
          # back in double quotes, and goes to the engine. The rest are one name a line, safe to split on newlines.
          staged=$(git -c core.quotePath=true diff --cached --name-only --no-renames --no-relative --diff-filter=d \
                   --ignore-submodules=all --no-ext-diff --no-color) || return 0
          [ -n "$staged" ] || return 1
          saved_ifs=$IFS
          IFS='
        '
          set -f
          # shellcheck disable=SC2086 # split on newlines only, globbing off
          set -- $staged
          set +f
          IFS=$saved_ifs
          checked=
          for name do
            case $name in
              \"*) return 0 ;;
              # Patch names (*.ap, patch.json, *.patch.json, *.patch, *.diff) in any case, settings, leftovers.
              *.[aA][pP]|*.[pP][aA][tT][cC][hH]|*.[dD][iI][fF][fF]|*[pP][aA][tT][cC][hH].[jJ][sS][oO][nN]) return 0 ;;
              *[pP][aA][tT][cC][hH][bB][uU][iI][lL][dD].[jJ][sS][oO][nN]) return 0 ;;
              *.[rR][eE][jJ]|*.[oO][rR][iI][gG]|*[aA][fF][aA][iI][lL][eE][dD].[mM][dD]) return 0 ;;
              .patchbuild/*|*/.patchbuild/*) return 0 ;;
            esac
            # A workspace journal in any folder above a staged file is read by the engine (names arrive sorted, so
            # the walk stops at the first folder the previous name already had checked).
            case $name in */*) dir=${name%/*} ;; *) dir= ;; esac
            next=$dir
            while [ -n "$dir" ]; do
              case $checked in "$dir"|"$dir"/*) break ;; esac
              if [ -e "$dir/.patchbuild" ] || [ -L "$dir/.patchbuild" ]; then return 0; fi
              case $dir in */*) dir=${dir%/*} ;; *) dir= ;; esac
            done
            checked=$next
          done
          # Contents the engine reads as a patch or a conflict, found by git in the staged blobs: a conflict opener
          # at a line start, an ap header's " AP ", a Codex "*** Begin Patch", a JSON "patches" key. Whitespace
          # errors do not count (that is why not git diff --check). Exit 1 is "none"; a match or any failure runs
          # the engine. Literal pathspecs: a name is never read as a glob or a pathspec magic.
          git --literal-pathspecs grep --cached -q -G -e '^<<<<<<<' -e ' AP ' -e '\*\*\* Begin Patch' -e '"patches"' -- "$@" >/dev/null 2>&1
          [ $? -ne 1 ]
        }

        if ! engine_needed; then
          exit 0
        fi

        # GUI git clients often start hooks with a bare PATH: look where the .NET installers put dotnet.
        find_dotnet() {
          if command -v dotnet >/dev/null 2>&1; then command -v dotnet; return 0; fi
          if [ -n "$PATCHBUILD_RECORDED_DOTNET" ] && [ -x "$PATCHBUILD_RECORDED_DOTNET" ]; then
            echo "$PATCHBUILD_RECORDED_DOTNET"; return 0
          fi
          for dir in "${DOTNET_ROOT:-}" /usr/share/dotnet /usr/local/share/dotnet "${HOME:-}/.dotnet" /usr/lib/dotnet \
                     /opt/homebrew/share/dotnet "${ProgramFiles:-/c/Program Files}/dotnet"; do
            [ -n "$dir" ] || continue
            for exe in "$dir/dotnet" "$dir/dotnet.exe"; do
              if [ -f "$exe" ] && [ -x "$exe" ]; then echo "$exe"; return 0; fi
            done
          done
          return 1
        }

        require_dotnet() {
          if dotnet=$(find_dotnet); then
            # A tool's apphost finds the runtime through DOTNET_ROOT when dotnet is not on PATH.
            if [ -z "${DOTNET_ROOT:-}" ] && ! command -v dotnet >/dev/null 2>&1; then
              DOTNET_ROOT=${dotnet%/*}; export DOTNET_ROOT
            fi
            return 0
          fi
          echo "patchbuild: the @HOOK@ hook cannot find 'dotnet' (looked on PATH, in \$DOTNET_ROOT, /usr/share/dotnet, /usr/local/share/dotnet, ~/.dotnet, /usr/lib/dotnet)." >&2
          echo "patchbuild: install the .NET SDK (https://dot.net) or set DOTNET_ROOT; to commit without the check: git commit --no-verify" >&2
          exit 1
        }

        # dotnet tool run searches the same manifests, from the current folder up.
        uses_local_tool() {
          dir=$PWD
          while :; do
            for manifest in "$dir/.config/dotnet-tools.json" "$dir/dotnet-tools.json"; do
              if [ -f "$manifest" ] && grep -qi '"patchbuild\.tool"' "$manifest"; then return 0; fi
            done
            [ -n "$dir" ] || return 1
            dir=${dir%/*}
          done
        }

        if uses_local_tool; then
          require_dotnet
          exec "$dotnet" tool run patchbuild hook run @HOOK@
        fi

        if [ -n "$PATCHBUILD_RECORDED_EXE" ] && [ -x "$PATCHBUILD_RECORDED_EXE" ]; then
          find_dotnet >/dev/null && require_dotnet
          exec "$PATCHBUILD_RECORDED_EXE" hook run @HOOK@
        fi

        if [ -n "$PATCHBUILD_RECORDED_DLL" ] && [ -f "$PATCHBUILD_RECORDED_DLL" ]; then
          require_dotnet
          exec "$dotnet" "$PATCHBUILD_RECORDED_DLL" hook run @HOOK@
        fi

        for tool in "$(command -v patchbuild 2>/dev/null)" "${HOME:-}/.dotnet/tools/patchbuild"; do
          if [ -n "$tool" ] && [ -x "$tool" ]; then
            find_dotnet >/dev/null && require_dotnet
            exec "$tool" hook run @HOOK@
          fi
        done

        echo "patchbuild: the @HOOK@ hook cannot find the PatchBuild tool." >&2
        echo "patchbuild: install it for this repository: dotnet new tool-manifest (once), then dotnet tool install --local PatchBuild.Tool" >&2
        echo "patchbuild: or for your user: dotnet tool install --global PatchBuild.Tool" >&2
        echo "patchbuild: to commit without the check: git commit --no-verify (or uninstall the hook: patchbuild hook uninstall)" >&2
        exit 1

        """;
}
