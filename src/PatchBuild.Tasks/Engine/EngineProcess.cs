using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace PatchBuild.Tasks.Engine;

/// <summary>What one run of the engine printed and how it ended.</summary>
internal sealed class EngineRun
{
    public EngineRun(int exitCode, string standardOutput, string standardError)
    {
        ExitCode = exitCode;
        StandardOutput = standardOutput;
        StandardError = standardError;
    }

    public int ExitCode { get; }
    public string StandardOutput { get; }
    public string StandardError { get; }

    /// <summary>Standard error on one line: a message with line breaks would become several build errors.</summary>
    public string StandardErrorLine =>
        string.Join(" ", StandardError.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0));
}

/// <summary>
/// Runs `patchbuild COMMAND --arguments-file ARGS.json` (the native engine, or `dotnet patchbuild.dll`). Every argument goes through that file, as data,
/// because a project's references and sources easily exceed the command-line limit on Windows, and because a patch
/// file's name is untrusted: it must reach the engine as one argument, never as options of its own.
/// </summary>
internal sealed class EngineProcess
{
    private readonly EngineCommand _engine;
    private readonly EngineCommand? _fallback;
    private Process? _running;

    /// <param name="engine">The engine to start.</param>
    /// <param name="fallback">Started instead when <paramref name="engine"/> cannot be (a native engine on a Linux
    /// whose C library it was not built for, say).</param>
    public EngineProcess(EngineCommand engine, EngineCommand? fallback = null)
    {
        _engine = engine;
        _fallback = fallback;
    }

    /// <summary>The engine that ran last (the fallback when the first could not start).</summary>
    public EngineCommand Started { get; private set; } = null!;

    public EngineRun Run(string command, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancel)
    {
        try
        {
            return RunWith(_engine, command, arguments, workingDirectory, cancel);
        }
        catch (System.ComponentModel.Win32Exception) when (_fallback is not null)
        {
            return RunWith(_fallback, command, arguments, workingDirectory, cancel);
        }
    }

    private EngineRun RunWith(EngineCommand engine, string command, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancel)
    {
        Started = engine;
        var argumentsFile = Path.Combine(Path.GetTempPath(), "patchbuild-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(argumentsFile, EngineArgumentsFile.Serialize(arguments), new UTF8Encoding(false));
            var start = new ProcessStartInfo(engine.FileName)
            {
                Arguments = (engine.Assembly is null ? "" : Quote(engine.Assembly) + " ") + command + " " + EngineArgumentsFile.Option + " " + Quote(argumentsFile),
                WorkingDirectory = workingDirectory,
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            start.EnvironmentVariables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.EnvironmentVariables["DOTNET_NOLOGO"] = "1";
            // The engine prints plain JSON; a colour-forcing terminal setting inherited from the build must not leak in.
            start.EnvironmentVariables["NO_COLOR"] = "1";

            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.Append(e.Data).Append('\n'); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.Append(e.Data).Append('\n'); };
            process.Start();
            _running = process;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using (cancel.Register(Kill))
                process.WaitForExit();
            process.WaitForExit(); // drains the asynchronous readers
            _running = null;
            cancel.ThrowIfCancellationRequested();
            return new EngineRun(process.ExitCode, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            TryDelete(argumentsFile);
        }
    }

    private void Kill()
    {
        try
        {
            _running?.Kill();
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in the meantime.
        }
    }

    private static string Quote(string argument) =>
        argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0 ? argument : "\"" + argument.Replace("\"", "\\\"") + "\"";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
