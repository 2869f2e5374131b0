#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages or publishes PSDocker. A thin wrapper: `dotnet build` and `dotnet test` alone do
    the real work, so nothing essential lives here.
.EXAMPLE
    ./build.ps1                      # Build: out/PSDocker
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package        # out/package/PSDocker.<version>.nupkg, ready for the Gallery
.EXAMPLE
    ./build.ps1 -Task Publish -ApiKey $key
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Publish')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Gallery API key for -Task Publish.
    [string] $ApiKey,

    [string] $Repository = 'PSGallery'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$module = Join-Path $root 'out/PSDocker'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Build {
    Invoke-Dotnet build (Join-Path $root 'src/PSDocker/PSDocker.csproj') -c $Configuration
    $null = Test-ModuleManifest -Path (Join-Path $module 'PSDocker.psd1')
}

function Package {
    Build
    $out = Join-Path $root 'out/package'
    $null = New-Item -ItemType Directory -Force -Path $out
    if (-not (Get-Command Publish-PSResource -ErrorAction SilentlyContinue)) {
        throw 'Packaging needs Microsoft.PowerShell.PSResourceGet (Install-Module Microsoft.PowerShell.PSResourceGet).'
    }
    # A file-system repository turns the module folder into the same .nupkg the Gallery would receive.
    $name = 'PSDockerPackage'
    if (-not (Get-PSResourceRepository -Name $name -ErrorAction SilentlyContinue)) {
        Register-PSResourceRepository -Name $name -Uri $out -Trusted
    }
    try {
        Publish-PSResource -Path $module -Repository $name
    } finally {
        Unregister-PSResourceRepository -Name $name
    }
    Get-ChildItem $out -Filter *.nupkg
}

switch ($Task) {
    'Build' { Build }
    'Test' { Invoke-Dotnet test (Join-Path $root 'PSDocker.sln') }
    'Package' { Package }
    'Publish' {
        if (-not $ApiKey) { throw '-ApiKey is required to publish.' }
        Build
        Publish-PSResource -Path $module -Repository $Repository -ApiKey $ApiKey
    }
}
