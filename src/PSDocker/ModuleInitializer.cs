using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using PSDocker.Connection;

namespace PSDocker
{
    /// <summary>
    /// Loads the module's dependencies from its <c>dependencies/</c> folder, apart from whatever other
    /// versions of the same assemblies the session already loaded: on PowerShell 7 into a named
    /// AssemblyLoadContext (found by reflection, so one netstandard2.0 build serves both editions), on
    /// Windows PowerShell 5.1 with <see cref="Assembly.LoadFrom(string)"/>.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string LoadContextName = "PSDocker";

        // Read by PSDocker.Preflight.ps1 (the manifest's ScriptsToProcess) before any import loads PSDocker.dll:
        // which process has a PSDocker.dll loaded, and from which folder. The process id keeps a child process,
        // which inherits the environment but not the assembly, on the preflight's fast path.
        internal const string LoadedInVariable = "PSDOCKER_LOADED_IN";
        internal const string LoadedFromVariable = "PSDOCKER_LOADED_FROM";

        private static readonly object Sync = new object();
        private static readonly Assembly Self = typeof(ModuleInitializer).Assembly;
        private static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(Self.Location) ?? ".", "dependencies");

        // Simple names of the assemblies shipped in dependencies/, and those already loaded by us.
        private static readonly HashSet<string> Shipped = ListShipped();
        private static readonly Dictionary<string, Assembly> Loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        private static readonly LoadContextProxy? LoadContext = LoadContextProxy.Create(LoadContextName);

        // Several runspaces may import the module; the resolver (and the sessions) stay until the last
        // runspace that still has it removes it. Runspaces closed without Remove-Module no longer count.
        private static readonly List<WeakReference<Runspace>> Importers = new List<WeakReference<Runspace>>();
        private static bool s_installed;

        /// <summary>Called by PowerShell when the module is imported.</summary>
        public void OnImport()
        {
            lock (Sync)
            {
                Forget(null);
                var runspace = Runspace.DefaultRunspace;
                if (runspace != null && !Holds(runspace))
                {
                    Importers.Add(new WeakReference<Runspace>(runspace));
                }

                if (!s_installed)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
                    s_installed = true;
                }

                MarkProcess();
            }
        }

        private static void MarkProcess()
        {
            try
            {
                Environment.SetEnvironmentVariable(LoadedInVariable, System.Diagnostics.Process.GetCurrentProcess().Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Environment.SetEnvironmentVariable(LoadedFromVariable, Path.GetDirectoryName(Self.Location));
            }
            catch (System.Security.SecurityException)
            {
                // Without the marks the preflight takes its fast path and PowerShell's own loader error stands.
            }
        }

        /// <summary>Called by PowerShell when the module is removed.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Sync)
            {
                Forget(Runspace.DefaultRunspace);
                if (Importers.Count == 0 && s_installed)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
                    s_installed = false;
                    DockerSessionCache.DisposeAll();
                }
            }
        }

        internal static bool IsResolverInstalled
        {
            get { lock (Sync) { return s_installed; } }
        }

        private static bool Holds(Runspace runspace) =>
            Importers.Exists(w => w.TryGetTarget(out var r) && ReferenceEquals(r, runspace));

        /// <summary>Drops <paramref name="removed"/> and every runspace that is gone or closed.</summary>
        private static void Forget(Runspace? removed)
        {
            Importers.RemoveAll(w => !w.TryGetTarget(out var r) || ReferenceEquals(r, removed) ||
                r.RunspaceStateInfo.State == RunspaceState.Closed || r.RunspaceStateInfo.State == RunspaceState.Broken ||
                r.RunspaceStateInfo.State == RunspaceState.Closing);
        }

        private static HashSet<string> ListShipped()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (Directory.Exists(DependencyFolder))
            {
                foreach (var file in Directory.EnumerateFiles(DependencyFolder, "*.dll"))
                {
                    names.Add(Path.GetFileNameWithoutExtension(file));
                }
            }

            return names;
        }

        private static bool IsOurs(Assembly? requester)
        {
            // On .NET Framework the requester may be unknown; then the name alone decides.
            if (requester is null)
            {
                return true;
            }

            if (requester == Self)
            {
                return true;
            }

            var name = requester.GetName().Name;
            return name != null && Shipped.Contains(name) && Loaded.TryGetValue(name, out var ours) && ours == requester;
        }

        private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (name is null || !Shipped.Contains(name))
            {
                return null;
            }

            lock (Sync)
            {
                if (!IsOurs(args.RequestingAssembly))
                {
                    return null;
                }

                if (Loaded.TryGetValue(name, out var existing))
                {
                    return existing;
                }

                var path = Path.Combine(DependencyFolder, name + ".dll");
                var assembly = LoadContext is null ? Assembly.LoadFrom(path) : LoadContext.LoadFromAssemblyPath(path);
                Loaded[name] = assembly;
                return assembly;
            }
        }

        /// <summary>Reaches System.Runtime.Loader.AssemblyLoadContext by reflection: it does not exist on .NET Framework.</summary>
        private sealed class LoadContextProxy
        {
            private readonly object _context;
            private readonly MethodInfo _loadFromAssemblyPath;

            private LoadContextProxy(object context, MethodInfo loadFromAssemblyPath)
            {
                _context = context;
                _loadFromAssemblyPath = loadFromAssemblyPath;
            }

            public static LoadContextProxy? Create(string name)
            {
                var type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
                var ctor = type?.GetConstructor(new[] { typeof(string), typeof(bool) });
                var load = type?.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
                if (type is null || ctor is null || load is null)
                {
                    return null;
                }

                return new LoadContextProxy(ctor.Invoke(new object[] { name, false }), load);
            }

            public Assembly LoadFromAssemblyPath(string path) =>
                (Assembly)_loadFromAssemblyPath.Invoke(_context, new object[] { path });
        }
    }
}
