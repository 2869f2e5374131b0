@{
    RootModule           = 'PSDocker.dll'
    # Stamped at build time from Directory.Build.props (<ModuleVersion>): edit it there, not here.
    ModuleVersion        = '0.0.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5f0c2d1e-8a57-4f7e-9d43-2b6a1c9e7d30'
    Author               = 'PSDocker contributors'
    CompanyName          = 'PSDocker contributors'
    Copyright            = '(c) PSDocker contributors. MIT License.'
    Description          = 'Drive the Docker Engine from PowerShell: containers, images, volumes, networks and more as rich objects on the pipeline, with -WhatIf, progress and real errors.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('PSDocker.Format.ps1xml')
    # Before the assembly loads: a clear error when another runspace already loaded a different build (see the script).
    ScriptsToProcess     = @('PSDocker.Preflight.ps1')
    # Filled at build time with every cmdlet the assembly defines (tools/PSDocker.ModuleWriter): add a cmdlet
    # class, not a line here. The built manifest in out/PSDocker lists them explicitly, as the Gallery wants.
    CmdletsToExport      = @()
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Docker', 'Container', 'Containers', 'DockerEngine', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/psdocker/PSDocker'
            LicenseUri   = 'https://github.com/psdocker/PSDocker/blob/main/LICENSE'
            ReleaseNotes = 'First preview: engine connection (DOCKER_HOST, contexts, TLS, API negotiation); containers (run, exec, logs, cp, stats…), images and registries (pull, push, build with .dockerignore, save/load, login compatible with the docker CLI), volumes, networks, events, disk usage and an exact-WhatIf prune.'
        }
    }
}
