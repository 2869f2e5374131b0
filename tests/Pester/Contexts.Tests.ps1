# Contexts: Get-, New-, Set-, Use-, Remove-, Export- and Import-DockerContext against the docker CLI's own store,
# checked both ways with the docker CLI on PATH (docker context ls/inspect/use/create/export/import) in a
# DOCKER_CONFIG of each test's own; and a context used to reach the test engine.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $savedConfig = $env:DOCKER_CONFIG
    $savedHost = $env:DOCKER_HOST
    $savedContext = $env:DOCKER_CONTEXT
    $engineHost = $env:DOCKER_HOST
    $folder = (New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'ctx'))).FullName
    # A CA and a client certificate and key (PEM), as a TLS context stores them.
    & openssl req -x509 -newkey rsa:2048 -nodes -keyout "$folder/key.pem" -out "$folder/cert.pem" -days 2 -subj '/CN=psdt-client' 2>$null
    Copy-Item "$folder/cert.pem" "$folder/ca.pem"

    function New-ContextConfig {
        <# A fresh DOCKER_CONFIG for PSDocker and the CLI alike; DOCKER_HOST and DOCKER_CONTEXT unset, as a user with contexts has them. #>
        $env:DOCKER_CONFIG = (New-Item -ItemType Directory -Path (Join-Path $folder (New-TestName 'cfg'))).FullName
        $env:DOCKER_HOST = $null
        $env:DOCKER_CONTEXT = $null
        $env:DOCKER_CONFIG
    }

    function Invoke-Cli {
        <# The docker CLI on PATH with the current DOCKER_CONFIG and no -H, so it reads the context store; throws when it fails. #>
        $output = & docker @args 2>&1
        if ($LASTEXITCODE -ne 0) { throw "docker $($args -join ' ') failed ($LASTEXITCODE): $($output -join "`n")" }
        $output
    }

    function Get-Mode([string] $Path) { [Convert]::ToString([int] (Get-Item -Force $Path).UnixFileMode, 8) }
}

AfterAll {
    $env:DOCKER_CONFIG = $savedConfig
    $env:DOCKER_HOST = $savedHost
    $env:DOCKER_CONTEXT = $savedContext
    Remove-Item $folder -Recurse -Force -ErrorAction Ignore
}

Describe 'What PSDocker writes, the docker CLI reads' {
    BeforeEach { $null = New-ContextConfig }
    AfterEach { $env:DOCKER_HOST = $savedHost; $env:DOCKER_CONTEXT = $savedContext }

    It 'New-DockerContext: docker context ls and inspect show the same name, description, host, TLS verification and TLS files' {
        $made = New-DockerContext plain -DockerHost tcp://127.0.0.1:2376 -Description 'a plain one'
        $made.Name | Should -Be 'plain'
        $made.DockerHost | Should -Be 'tcp://127.0.0.1:2376'
        $made.Context | Should -Be 'plain'
        New-DockerContext tls-1 -DockerHost tcp://127.0.0.1:2376 -TlsCaCert "$folder/ca.pem" -TlsCert "$folder/cert.pem" -TlsKey "$folder/key.pem" | Out-Null
        New-DockerContext skip.me -DockerHost tcp://127.0.0.1:2377 -SkipTlsVerify | Out-Null
        New-DockerContext remote+ssh -DockerHost ssh://psdt@127.0.0.1:2222 | Out-Null

        $listed = Invoke-Cli context ls --format json | ForEach-Object { $_ | ConvertFrom-Json }
        $listed.Name | Should -Be 'default', 'plain', 'remote+ssh', 'skip.me', 'tls-1'
        ($listed | Where-Object Name -eq plain).Description | Should -Be 'a plain one'
        ($listed | Where-Object Name -eq plain).DockerEndpoint | Should -Be 'tcp://127.0.0.1:2376'
        ($listed | Where-Object Name -eq remote+ssh).DockerEndpoint | Should -Be 'ssh://psdt@127.0.0.1:2222'
        ($listed | Where-Object Name -eq default).Current | Should -BeTrue
        $listed | ForEach-Object { $_.Error | Should -BeNullOrEmpty }

        $tls = (Invoke-Cli context inspect tls-1 | ConvertFrom-Json)[0]
        $tls.Endpoints.docker.Host | Should -Be 'tcp://127.0.0.1:2376'
        $tls.Endpoints.docker.SkipTLSVerify | Should -BeFalse
        $tls.TLSMaterial.docker | Should -Be 'ca.pem', 'cert.pem', 'key.pem'
        [IO.File]::ReadAllText("$($tls.Storage.TLSPath)/docker/key.pem") | Should -Be ([IO.File]::ReadAllText("$folder/key.pem"))
        Get-Mode "$($tls.Storage.TLSPath)/docker/key.pem" | Should -Be '600'
        Get-Mode "$($tls.Storage.TLSPath)/docker" | Should -Be '700'
        Get-Mode "$($tls.Storage.MetadataPath)/meta.json" | Should -Be '644'
        (Invoke-Cli context inspect skip.me | ConvertFrom-Json)[0].Endpoints.docker.SkipTLSVerify | Should -BeTrue
    }

    It 'Use-DockerContext is what docker context show says; "default" removes currentContext and keeps the rest of config.json' {
        Set-Content "$env:DOCKER_CONFIG/config.json" '{ "auths": { "127.0.0.1:5999": {} }, "psFormat": "table {{.ID}}" }'
        New-DockerContext one -DockerHost unix:///tmp/psdt-one.sock | Out-Null
        Use-DockerContext one
        Invoke-Cli context show | Should -Be 'one'
        $config = Get-Content "$env:DOCKER_CONFIG/config.json" -Raw | ConvertFrom-Json
        $config.currentContext | Should -Be 'one'
        $config.psFormat | Should -Be 'table {{.ID}}'
        $config.auths.PSObject.Properties.Name | Should -Be '127.0.0.1:5999'
        (Get-DockerContext | Where-Object Current).Name | Should -Be 'one'

        (Use-DockerContext default -PassThru).Current | Should -BeTrue
        Invoke-Cli context show | Should -Be 'default'
        $config = Get-Content "$env:DOCKER_CONFIG/config.json" -Raw | ConvertFrom-Json
        $config.PSObject.Properties.Name | Should -Not -Contain 'currentContext'
        $config.psFormat | Should -Be 'table {{.ID}}'
    }

    It 'Use-DockerContext warns that DOCKER_HOST overrides the context, as docker context use does, and still switches' {
        New-DockerContext two -DockerHost unix:///tmp/psdt-two.sock | Out-Null
        $env:DOCKER_HOST = 'unix:///tmp/psdt-elsewhere.sock'
        Use-DockerContext two -WarningVariable warned -WarningAction SilentlyContinue
        $warned.Count | Should -Be 1
        $warned[0].Message | Should -BeLike '*DOCKER_HOST*overrides*two*'
        (Get-Content "$env:DOCKER_CONFIG/config.json" -Raw | ConvertFrom-Json).currentContext | Should -Be 'two'
        # With DOCKER_HOST set the CLI (and Get-DockerContext) take "default" as current.
        (Get-DockerContext | Where-Object Current).Name | Should -Be 'default'
    }

    It 'Remove-DockerContext removes both folders; the current one only with -Force, then "default" is current; docker context ls agrees' {
        New-DockerContext gone -DockerHost tcp://127.0.0.1:2376 -TlsCaCert "$folder/ca.pem" | Out-Null
        New-DockerContext kept -DockerHost tcp://127.0.0.1:2376 | Out-Null
        $gone = Get-DockerContext gone
        Use-DockerContext gone
        Remove-DockerContext gone -ErrorAction SilentlyContinue -ErrorVariable refused
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ContextInUse,*'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $refused[0].TargetObject | Should -Be 'gone'
        $refused[0].Exception.Message | Should -BeLike '*-Force*'
        Test-Path $gone.MetadataPath | Should -BeTrue

        Remove-DockerContext gone -WhatIf -Force
        Test-Path $gone.MetadataPath | Should -BeTrue
        Get-DockerContext gone | Remove-DockerContext -Force
        Test-Path $gone.MetadataPath | Should -BeFalse
        Test-Path $gone.TlsPath | Should -BeFalse
        Invoke-Cli context show | Should -Be 'default'
        (Invoke-Cli context ls --format '{{.Name}}') | Should -Be 'default', 'kept'
    }

    It 'Export-DockerContext writes the CLI''s layout, which docker context import reads (TLS files and all)' {
        New-DockerContext outbound -DockerHost tcp://127.0.0.1:2376 -Description 'to export' -TlsCaCert "$folder/ca.pem" -TlsCert "$folder/cert.pem" -TlsKey "$folder/key.pem" | Out-Null
        $file = Export-DockerContext outbound "$folder/outbound-$(New-TestName x).dockercontext"
        $file | Should -BeOfType [IO.FileInfo]
        Get-Mode $file.FullName | Should -Be '600'
        # Entry for entry what docker context export writes (names, types, modes), plus the end-of-archive blocks it leaves out.
        & tar -tvf $file.FullName | ForEach-Object { ($_ -split '\s+')[0, 5] -join ' ' } |
            Should -Be '-rw-r--r-- meta.json', 'drwx------ tls', 'drwx------ tls/docker', '-rw------- tls/docker/ca.pem', '-rw------- tls/docker/cert.pem', '-rw------- tls/docker/key.pem'
        Invoke-Cli context import inbound $file.FullName | Out-Null
        $inbound = (Invoke-Cli context inspect inbound | ConvertFrom-Json)[0]
        $inbound.Metadata.Description | Should -Be 'to export'
        $inbound.Endpoints.docker.Host | Should -Be 'tcp://127.0.0.1:2376'
        $inbound.TLSMaterial.docker | Should -Be 'ca.pem', 'cert.pem', 'key.pem'

        Export-DockerContext outbound $file.FullName -ErrorAction SilentlyContinue -ErrorVariable exists
        $exists[0].FullyQualifiedErrorId | Should -BeLike 'ExportFileExists,*'
        (Export-DockerContext outbound $file.FullName -Force).Length | Should -Be $file.Length
    }
}

Describe 'What the docker CLI writes, PSDocker reads' {
    BeforeEach { $null = New-ContextConfig }
    AfterEach { $env:DOCKER_HOST = $savedHost; $env:DOCKER_CONTEXT = $savedContext }

    It 'Get-DockerContext shows docker context create''s contexts (TLS ones too) and docker context use''s choice' {
        Invoke-Cli context create cli-plain --description 'made by the CLI' --docker host=tcp://10.255.0.1:2375 | Out-Null
        Invoke-Cli context create cli-tls --docker "host=tcp://10.255.0.2:2376,ca=$folder/ca.pem,cert=$folder/cert.pem,key=$folder/key.pem,skip-tls-verify=true" | Out-Null
        Invoke-Cli context use cli-tls | Out-Null

        $all = Get-DockerContext
        $all.Name | Should -Be 'cli-plain', 'cli-tls', 'default'
        $plain = $all | Where-Object Name -eq cli-plain
        $plain.Description | Should -Be 'made by the CLI'
        $plain.DockerHost | Should -Be 'tcp://10.255.0.1:2375'
        $plain.TlsMaterial | Should -BeNullOrEmpty
        $tls = Get-DockerContext cli-tls
        $tls.Current | Should -BeTrue
        $tls.SkipTlsVerify | Should -BeTrue
        $tls.TlsMaterial | Should -Be 'ca.pem', 'cert.pem', 'key.pem'
        (Get-DockerContext 'cli-*').Name | Should -Be 'cli-plain', 'cli-tls'
        Get-DockerContext default | ForEach-Object { $_.Description | Should -Be 'Current DOCKER_HOST based configuration' }

        # The view at 80 columns: docker context ls's columns, the current one marked.
        $table = Get-DockerContext | Out-String -Width 80
        $table | Should -Match 'NAME\s+DESCRIPTION\s+DOCKER ENDPOINT\s+ERROR'
        $table | Should -Match 'cli-tls \*'
        ($table -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'Import-DockerContext reads docker context export''s file (which lacks the end-of-archive blocks), and a zip of the same' {
        Invoke-Cli context create cli-out --description 'exported by the CLI' --docker "host=tcp://10.255.0.3:2376,ca=$folder/ca.pem,cert=$folder/cert.pem,key=$folder/key.pem" | Out-Null
        $file = "$folder/cli-out-$(New-TestName x).dockercontext"
        Invoke-Cli context export cli-out $file | Out-Null
        $imported = Import-DockerContext from-cli $file
        $imported.Name | Should -Be 'from-cli'
        $imported.Description | Should -Be 'exported by the CLI'
        $imported.DockerHost | Should -Be 'tcp://10.255.0.3:2376'
        $imported.TlsMaterial | Should -Be 'ca.pem', 'cert.pem', 'key.pem'
        (Invoke-Cli context inspect from-cli | ConvertFrom-Json)[0].TLSMaterial.docker | Should -Be 'ca.pem', 'cert.pem', 'key.pem'

        $unpacked = (New-Item -ItemType Directory -Path "$folder/$(New-TestName unz)").FullName
        & tar -xf $file -C $unpacked
        $zip = "$folder/$(New-TestName zip).zip"
        Push-Location $unpacked
        try { [IO.Compression.ZipFile]::CreateFromDirectory($unpacked, $zip) } finally { Pop-Location }
        (Import-DockerContext from-zip $zip).TlsMaterial | Should -Be 'ca.pem', 'cert.pem', 'key.pem'
    }

    It 'Set-DockerContext changes only what it is given: fields it does not know, and the TLS files, stay' {
        Invoke-Cli context create keep --description before --docker "host=tcp://10.255.0.4:2376,ca=$folder/ca.pem" | Out-Null
        $meta = "$((Get-DockerContext keep).MetadataPath)/meta.json"
        $json = Get-Content $meta -Raw | ConvertFrom-Json
        $json.Metadata | Add-Member -NotePropertyName 'psdtExtra' -NotePropertyValue 'kept'
        $json | Add-Member -NotePropertyName 'Future' -NotePropertyValue @{ field = 1 }
        $json | ConvertTo-Json -Depth 5 -Compress | Set-Content $meta

        $changed = Set-DockerContext keep -Description after -SkipTlsVerify -PassThru
        $changed.Description | Should -Be 'after'
        $changed.SkipTlsVerify | Should -BeTrue
        $changed.TlsMaterial | Should -Be 'ca.pem'
        $json = Get-Content $meta -Raw | ConvertFrom-Json
        $json.Metadata.psdtExtra | Should -Be 'kept'
        $json.Future.field | Should -Be 1
        $json.Endpoints.docker.Host | Should -Be 'tcp://10.255.0.4:2376'
        $cli = (Invoke-Cli context inspect keep | ConvertFrom-Json)[0]
        $cli.Metadata.Description | Should -Be 'after'
        $cli.Endpoints.docker.SkipTLSVerify | Should -BeTrue

        Set-DockerContext keep -DockerHost tcp://10.255.0.5:2376 -SkipTlsVerify:$false
        (Invoke-Cli context inspect keep | ConvertFrom-Json)[0].Endpoints.docker | ForEach-Object {
            $_.Host | Should -Be 'tcp://10.255.0.5:2376'
            $_.SkipTLSVerify | Should -BeFalse
        }
        Set-DockerContext keep -Description '' -WhatIf
        (Get-DockerContext keep).Description | Should -Be 'after'
    }
}

Describe 'A context reaches its engine' {
    BeforeEach { $null = New-ContextConfig }
    AfterEach { $env:DOCKER_HOST = $savedHost; $env:DOCKER_CONTEXT = $savedContext }

    It 'cmdlets go where -Context, Use-DockerContext, DOCKER_CONTEXT and piped contexts say; objects carry the context' {
        New-DockerContext test-engine -DockerHost $engineHost | Out-Null
        New-DockerContext nowhere -DockerHost unix:///tmp/psdt-nowhere.sock | Out-Null
        (Get-DockerVersion -Context test-engine).Context | Should -Be 'test-engine'
        $volume = New-TestName 'ctxvol'
        New-DockerVolume $volume -Context test-engine -Label @{ 'psdocker.test' = 'contexts' } | Out-Null
        try {
            (Get-DockerVolume $volume -Context test-engine).Context | Should -Be 'test-engine'
            # Piped on, the object acts on its own engine, whatever the current context is.
            Use-DockerContext nowhere
            { Get-DockerVersion -ErrorAction Stop } | Should -Throw -ErrorId 'DockerEngineUnreachable*'
            (Get-DockerContext test-engine | Get-DockerVolume $volume).Name | Should -Be $volume
            Use-DockerContext test-engine
            (Get-DockerVolume $volume).Context | Should -Be 'test-engine'
            $env:DOCKER_CONTEXT = 'nowhere'
            { Get-DockerVersion -ErrorAction Stop } | Should -Throw -ErrorId 'DockerEngineUnreachable*'
        }
        finally {
            $env:DOCKER_CONTEXT = $null
            Remove-DockerVolume $volume -Context test-engine
        }
    }
}

Describe 'Bad input' {
    BeforeEach { $null = New-ContextConfig }
    AfterEach { $env:DOCKER_HOST = $savedHost; $env:DOCKER_CONTEXT = $savedContext }

    It '<Case> is <Id> (<Category>) and changes nothing' -ForEach @(
        @{ Case = 'a name with a space'; Id = 'InvalidContextName'; Category = 'InvalidArgument'; Run = { New-DockerContext 'bad name' -DockerHost tcp://127.0.0.1:1 } }
        @{ Case = 'a one-letter name'; Id = 'InvalidContextName'; Category = 'InvalidArgument'; Run = { New-DockerContext a -DockerHost tcp://127.0.0.1:1 } }
        @{ Case = 'the name default'; Id = 'ContextNameReserved'; Category = 'InvalidArgument'; Run = { New-DockerContext default -DockerHost tcp://127.0.0.1:1 } }
        @{ Case = 'a name taken'; Id = 'ContextExists'; Category = 'ResourceExists'; Run = { New-DockerContext taken -DockerHost tcp://127.0.0.1:1 } }
        @{ Case = 'a host that is no host'; Id = 'InvalidContextHost'; Category = 'InvalidArgument'; Run = { New-DockerContext c-bad -DockerHost 'not-a-host' } }
        @{ Case = 'a certificate without its key'; Id = 'TlsCertWithoutKey'; Category = 'InvalidArgument'; Run = { New-DockerContext c-bad -DockerHost tcp://127.0.0.1:1 -TlsCert "$folder/cert.pem" } }
        @{ Case = 'a CA file that is not there'; Id = 'TlsFileNotFound'; Category = 'ObjectNotFound'; Run = { New-DockerContext c-bad -DockerHost tcp://127.0.0.1:1 -TlsCaCert "$folder/missing.pem" } }
        @{ Case = 'a CA file that is not PEM'; Id = 'TlsFileInvalid'; Category = 'InvalidData'; Run = { New-DockerContext c-bad -DockerHost tcp://127.0.0.1:1 -TlsCaCert "$folder/not.pem" } }
        @{ Case = '-From a context that is not there'; Id = 'DockerContextNotFound'; Category = 'ObjectNotFound'; Run = { New-DockerContext c-bad -From missing } }
        @{ Case = 'Get- of a name that is not there'; Id = 'DockerContextNotFound'; Category = 'ObjectNotFound'; Run = { Get-DockerContext missing } }
        @{ Case = 'Use- of a name that is not there'; Id = 'DockerContextNotFound'; Category = 'ObjectNotFound'; Run = { Use-DockerContext missing } }
        @{ Case = 'Set- of default'; Id = 'ContextNotChangeable'; Category = 'InvalidOperation'; Run = { Set-DockerContext default -Description x } }
        @{ Case = 'Remove- of default'; Id = 'ContextNotChangeable'; Category = 'InvalidOperation'; Run = { Remove-DockerContext default } }
        @{ Case = 'Remove- of a name that is not there'; Id = 'DockerContextNotFound'; Category = 'ObjectNotFound'; Run = { Remove-DockerContext missing } }
        @{ Case = 'Export- of default'; Id = 'ContextNotChangeable'; Category = 'InvalidOperation'; Run = { Export-DockerContext default "$folder/default.tar" } }
        @{ Case = 'Export- into a folder that is not there'; Id = 'ExportFolderNotFound'; Category = 'ObjectNotFound'; Run = { Export-DockerContext taken "$folder/no/such/x.tar" } }
        @{ Case = 'Import- of a file that is not there'; Id = 'ContextImportFileNotFound'; Category = 'ObjectNotFound'; Run = { Import-DockerContext c-bad "$folder/missing.tar" } }
        @{ Case = 'Import- of a file that is no export'; Id = 'ContextImportInvalid'; Category = 'InvalidData'; Run = { Import-DockerContext c-bad "$folder/not.pem" } }
        @{ Case = 'Import- of a tar with other files'; Id = 'ContextImportInvalid'; Category = 'InvalidData'; Run = { Import-DockerContext c-bad "$folder/other.tar" } }
        @{ Case = 'Import- of a file past 10 MiB'; Id = 'ContextImportTooLarge'; Category = 'InvalidData'; Run = { Import-DockerContext c-bad "$folder/big.tar" } }
        @{ Case = 'Import- under a name taken'; Id = 'ContextExists'; Category = 'ResourceExists'; Run = { Import-DockerContext taken "$folder/other.tar" } }
    ) {
        New-DockerContext taken -DockerHost tcp://127.0.0.1:2376 | Out-Null
        Set-Content "$folder/not.pem" 'not a certificate'
        if (-not (Test-Path "$folder/other.tar")) {
            $junk = (New-Item -ItemType Directory -Path "$folder/junk").FullName
            Set-Content "$junk/meta.json" '{"Name":"x","Metadata":{},"Endpoints":{}}'
            Set-Content "$junk/evil.sh" 'echo'
            & tar -cf "$folder/other.tar" -C $junk meta.json evil.sh
            $stream = [IO.File]::Create("$folder/big.tar"); $stream.SetLength(11MB); $stream.Dispose()
        }
        $before = @(Get-ChildItem -Recurse -Force $env:DOCKER_CONFIG | ForEach-Object FullName)

        $failed = @(& { $ErrorActionPreference = 'Continue'; & $Run } 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $failed[0].CategoryInfo.Category | Should -Be $Category
        $failed[0].TargetObject | Should -Not -BeNullOrEmpty
        $failed[0].Exception.Message.Length | Should -BeGreaterThan 30
        @(Get-ChildItem -Recurse -Force $env:DOCKER_CONFIG | ForEach-Object FullName) | Should -Be $before
    }
}
