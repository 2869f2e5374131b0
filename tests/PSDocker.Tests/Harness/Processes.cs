using System.Diagnostics;

namespace PSDocker.Tests.Harness;

/// <summary>Runs a child process to completion with a time limit and captures what it printed.</summary>
public static class Processes
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public Result EnsureSuccess(string what)
        {
            if (ExitCode != 0)
            {
                throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:\n{StdOut}\n{StdErr}");
            }

            return this;
        }
    }

    public static Result Run(string file, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null, string? stdin = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin != null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment != null)
        {
            foreach (var (name, value) in environment)
            {
                if (value is null)
                {
                    info.Environment.Remove(name);
                }
                else
                {
                    info.Environment[name] = value;
                }
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin != null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in time");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string? Which(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
