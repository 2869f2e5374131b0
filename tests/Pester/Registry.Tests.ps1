# Registries that ask for a login: Connect-DockerRegistry and Disconnect-DockerRegistry against a second
# 127.0.0.1 registry with htpasswd auth, compatible with the docker CLI both ways (the same $env:DOCKER_CONFIG,
# in config.json and through a credential helper); push, pull and build with the stored login; wrong passwords.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $user = 'psdt-user'
    $password = 's3cret-P4ss-word'
    $wrong = "wr0ng-$password"
    $good = [pscredential]::new($user, (ConvertTo-SecureString $password -AsPlainText -Force))
    $bad = [pscredential]::new($user, (ConvertTo-SecureString $wrong -AsPlainText -Force))

    $folder = (New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'auth'))).FullName
    & htpasswd -Bbn $user $password | Set-Content "$folder/htpasswd"
    $authRegistry = Start-TestRegistry -Folder "$folder/registry" -HtpasswdPath "$folder/htpasswd"
    $registry = $authRegistry.Address
    $savedConfig = $env:DOCKER_CONFIG

    # A credential helper speaking the documented protocol (store/get/erase on stdin), keeping secrets in files of its own.
    $helperStore = (New-Item -ItemType Directory -Path "$folder/helper-store").FullName
    $bin = (New-Item -ItemType Directory -Path "$folder/bin").FullName
    Set-Content "$bin/docker-credential-psdtest" -NoNewline (@(
            '#!/bin/sh'
            "store='$helperStore'"
            'case "$1" in'
            '  store) json=$(cat); url=$(printf ''%s'' "$json" | sed -n ''s/.*"ServerURL"[ ]*:[ ]*"\([^"]*\)".*/\1/p''); printf ''%s'' "$json" > "$store/$(printf ''%s'' "$url" | base64 | tr -d ''\n/'')" ;;'
            '  get) url=$(cat); f="$store/$(printf ''%s'' "$url" | base64 | tr -d ''\n/'')"; if [ -f "$f" ]; then cat "$f"; else echo "credentials not found in native keychain"; exit 1; fi ;;'
            '  erase) url=$(cat); rm -f "$store/$(printf ''%s'' "$url" | base64 | tr -d ''\n/'')" ;;'
            '  list) echo ''{}'' ;;'
            '  *) echo "unknown action $1" >&2; exit 1 ;;'
            'esac'
        ) -join "`n")
    & chmod 755 "$bin/docker-credential-psdtest"
    $savedPath = $env:PATH
    $env:PATH = "$bin$([IO.Path]::PathSeparator)$env:PATH"

    function New-DockerConfig([string] $Json) {
        <# A fresh, empty DOCKER_CONFIG folder (optionally with a config.json), made the current one for PSDocker and the CLI. #>
        $config = (New-Item -ItemType Directory -Path (Join-Path $folder (New-TestName 'cfg'))).FullName
        if ($Json) { Set-Content "$config/config.json" $Json }
        $env:DOCKER_CONFIG = $config
        $config
    }

    function Get-AuthEntry([string] $Config) {
        <# The auths entry config.json keeps for the auth registry, or $null. #>
        $file = Join-Path $Config 'config.json'
        if (-not (Test-Path $file)) { return $null }
        $auths = (Get-Content $file -Raw | ConvertFrom-Json).auths
        if ($auths -and $auths.PSObject.Properties[$registry]) { $auths.$registry } else { $null }
    }

    function Invoke-CliLogin {
        <# docker login to the auth registry with the right password, into the current DOCKER_CONFIG. #>
        $output = $password | & docker -H $env:PSDOCKER_PESTER_HOST login $registry -u $user --password-stdin 2>&1 | ForEach-Object { "$_" }
        if ($LASTEXITCODE -ne 0) { throw "docker login failed: $output" }
    }

    function New-PrivateImage {
        <# An image only the auth registry has (pushed by the CLI, logged in, then removed locally). #>
        $reference = "$registry/psdocker-test/auth-$(New-TestName 'i'):1"
        $previous = $env:DOCKER_CONFIG
        try {
            New-DockerConfig | Out-Null
            Invoke-CliLogin
            Invoke-TestDocker tag $image $reference | Out-Null
            Invoke-TestDocker push $reference | Out-Null
            Invoke-TestDocker rmi $reference | Out-Null
        } finally { $env:DOCKER_CONFIG = $previous }
        $reference
    }

    function Test-LocalImage([string] $Reference) {
        Invoke-TestDockerUnchecked image inspect $Reference | Out-Null
        $LASTEXITCODE -eq 0
    }

    $privateImage = New-PrivateImage
}

AfterAll {
    $env:DOCKER_CONFIG = $savedConfig
    $env:PATH = $savedPath
    Invoke-TestDockerUnchecked rmi $privateImage | Out-Null
    Stop-TestRegistry $authRegistry
    Remove-Item $folder -Recurse -Force -ErrorAction Ignore
    Remove-TestObject
}

Describe 'Connect-DockerRegistry' {
    AfterEach {
        $env:DOCKER_CONFIG = $savedConfig
        Invoke-TestDockerUnchecked rmi $privateImage | Out-Null
    }

    It 'the registry refuses anonymous pulls: Install-DockerImage without a login is an AuthenticationError' {
        New-DockerConfig | Out-Null
        $caught = $null
        try { Install-DockerImage $privateImage -ErrorAction Stop } catch { $caught = $_ }
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $caught.FullyQualifiedErrorId | Should -BeLike 'Registry*,*'
        Test-LocalImage $privateImage | Should -BeFalse
    }

    It 'a wrong password is RegistryAuthenticationFailed (AuthenticationError), names the registry, and stores nothing' {
        $config = New-DockerConfig
        $caught = $null
        try { Connect-DockerRegistry $registry -Credential $bad -ErrorAction Stop } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'RegistryAuthenticationFailed,*'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $caught.TargetObject | Should -Be $registry
        "$caught $($caught.Exception) $($caught.ErrorDetails)" | Should -Not -Match ([regex]::Escape($wrong))
        Test-Path "$config/config.json" | Should -BeFalse
        Get-AuthEntry $config | Should -BeNullOrEmpty
        $Error[0].FullyQualifiedErrorId | Should -BeLike 'RegistryAuthenticationFailed,*'
    }

    It 'a wrong -Credential on Install-DockerImage is an AuthenticationError too' {
        New-DockerConfig | Out-Null
        { Install-DockerImage $privateImage -Credential $bad -ErrorAction Stop } | Should -Throw -ErrorId 'Registry*'
        $Error[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        Test-LocalImage $privateImage | Should -BeFalse
    }

    It '-WhatIf checks nothing and stores nothing' {
        $config = New-DockerConfig
        Connect-DockerRegistry $registry -Credential $good -WhatIf | Should -BeNullOrEmpty
        Test-Path "$config/config.json" | Should -BeFalse
    }

    It 'logs in with a PSCredential: config.json (mode 600) has the auth entry, with a warning that it is unencrypted, and docker pulls with it' {
        $config = New-DockerConfig
        $login = Connect-DockerRegistry $registry -Credential $good -WarningVariable warned -WarningAction SilentlyContinue
        $login.Registry | Should -Be $registry
        $login.UserName | Should -Be $user
        $login.StoredIn | Should -Be (Join-Path $config 'config.json')
        "$warned" | Should -Match 'unencrypted'
        $entry = Get-AuthEntry $config
        [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($entry.auth)) | Should -Be "${user}:$password"
        & stat -c '%a' "$config/config.json" | Should -Be '600'
        # The docker CLI reads the same file.
        Invoke-TestDocker pull $privateImage | Out-Null
        Test-LocalImage $privateImage | Should -BeTrue
    }

    It 'Install-DockerImage and Publish-DockerImage use the stored login' {
        New-DockerConfig | Out-Null
        Connect-DockerRegistry $registry -Credential $good -WarningAction SilentlyContinue | Out-Null
        $pulled = Install-DockerImage $privateImage
        $pulled.Name | Should -Be $privateImage
        $pulled.Id | Should -Be (Invoke-TestDocker image inspect -f '{{.Id}}' $privateImage)

        $pushedName = "$registry/psdocker-test/pushed-$(New-TestName 'p'):1"
        try {
            Invoke-TestDocker tag $image $pushedName | Out-Null
            $pushed = Get-DockerImage $pushedName | Publish-DockerImage
            $pushed.Name | Should -Be $pushedName
            $pushed.Digest | Should -BeLike 'sha256:*'
            # The registry itself lists the tag (asked with the same login).
            $repository = ($pushedName -replace "^$([regex]::Escape($registry))/", '') -replace ':1$', ''
            $tags = Invoke-RestMethod "http://$registry/v2/$repository/tags/list" -Authentication Basic -Credential $good -AllowUnencryptedAuthentication
            $tags.tags | Should -Contain '1'
            # And the CLI pulls it back after it is gone here.
            Invoke-TestDocker rmi $pushedName | Out-Null
            Invoke-TestDocker pull $pushedName | Out-Null
            Test-LocalImage $pushedName | Should -BeTrue
        } finally {
            Invoke-TestDockerUnchecked rmi $pushedName | Out-Null
        }
    }

    It 'a login made by docker login is used by Install-DockerImage' {
        New-DockerConfig | Out-Null
        Invoke-CliLogin
        (Install-DockerImage $privateImage).Name | Should -Be $privateImage
        Test-LocalImage $privateImage | Should -BeTrue
    }

    It 'Build-DockerImage -Pull of a private base image fails with BuildStepFailed when not logged in and builds with the stored login' {
        $context = (New-Item -ItemType Directory -Path (Join-Path $folder (New-TestName 'ctx'))).FullName
        Set-Content "$context/Dockerfile" "FROM $privateImage`nRUN echo built-on-private > /marker`nLABEL psdocker.test=registry"
        $tag = "psdocker-test/from-private:$(New-TestName 'v')"
        try {
            New-DockerConfig | Out-Null
            $caught = $null
            try { Build-DockerImage $context -Tag $tag -Pull -ErrorAction Stop } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'BuildStepFailed,*'
            $caught.Exception.Message | Should -Match ([regex]::Escape("FROM $privateImage"))

            New-DockerConfig | Out-Null
            Connect-DockerRegistry $registry -Credential $good -WarningAction SilentlyContinue | Out-Null
            $verbose = $null
            $built = Build-DockerImage $context -Tag $tag -Pull -Verbose 4>&1 | Tee-Object -Variable verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $built.Name | Should -Be $tag
            $messages = $verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
            $messages | Should -Contain 'Sending credentials for 1 registry.'
            ($messages -join "`n") | Should -Not -Match ([regex]::Escape($password))
            Invoke-TestDocker run --rm $tag cat /marker | Should -Be 'built-on-private'
        } finally {
            Invoke-TestDockerUnchecked rmi $tag | Out-Null
        }
    }
}

Describe 'Disconnect-DockerRegistry' {
    AfterEach {
        $env:DOCKER_CONFIG = $savedConfig
        Invoke-TestDockerUnchecked rmi $privateImage | Out-Null
    }

    It '-WhatIf keeps the login; without it the entry goes and docker can no longer pull' {
        $config = New-DockerConfig
        Connect-DockerRegistry $registry -Credential $good -WarningAction SilentlyContinue | Out-Null
        Get-AuthEntry $config | Should -Not -BeNullOrEmpty

        Disconnect-DockerRegistry $registry -WhatIf
        Get-AuthEntry $config | Should -Not -BeNullOrEmpty

        Disconnect-DockerRegistry $registry -WarningVariable warned
        @($warned).Count | Should -Be 0
        Get-AuthEntry $config | Should -BeNullOrEmpty
        Invoke-TestDockerUnchecked pull $privateImage | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
        Test-LocalImage $privateImage | Should -BeFalse
        { Install-DockerImage $privateImage -ErrorAction Stop } | Should -Throw -ErrorId 'Registry*'
    }

    It 'logging out a second time only warns that there is no login' {
        $config = New-DockerConfig
        Connect-DockerRegistry $registry -Credential $good -WarningAction SilentlyContinue | Out-Null
        Disconnect-DockerRegistry $registry
        Disconnect-DockerRegistry $registry -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Be "Not logged in to $registry."
        Get-AuthEntry $config | Should -BeNullOrEmpty
    }
}

Describe 'Credential helpers (<Kind>)' -ForEach @(
    @{ Kind = 'credsStore'; Json = '{"credsStore":"psdtest"}' }
    @{ Kind = 'credHelpers'; Json = '{"credHelpers":{"REGISTRY":"psdtest"}}' }
) {
    BeforeEach {
        Get-ChildItem $helperStore | Remove-Item
        $json = $Json.Replace('REGISTRY', $registry)
    }

    AfterEach {
        $env:DOCKER_CONFIG = $savedConfig
        Invoke-TestDockerUnchecked rmi $privateImage | Out-Null
    }

    It 'docker login stores into the helper and Install-DockerImage pulls with it' {
        $config = New-DockerConfig $json
        Invoke-CliLogin
        @(Get-ChildItem $helperStore).Count | Should -BeGreaterThan 0
        Get-Content "$config/config.json" -Raw | Should -Not -Match ([regex]::Escape($password))
        (Install-DockerImage $privateImage).Name | Should -Be $privateImage
    }

    It 'Connect-DockerRegistry stores into the helper, without a warning, and docker pulls with it; Disconnect erases it there' {
        $config = New-DockerConfig $json
        $login = Connect-DockerRegistry $registry -Credential $good -WarningVariable warned
        $login.StoredIn | Should -Be 'docker-credential-psdtest'
        @($warned).Count | Should -Be 0
        @(Get-ChildItem $helperStore).Count | Should -Be 1
        Get-Content "$config/config.json" -Raw | Should -Not -Match ([regex]::Escape($password))
        Invoke-TestDocker pull $privateImage | Out-Null
        Test-LocalImage $privateImage | Should -BeTrue

        Disconnect-DockerRegistry $registry
        @(Get-ChildItem $helperStore).Count | Should -Be 0
    }
}

Describe 'Registries that are not there, and no stored login' {
    AfterEach { $env:DOCKER_CONFIG = $savedConfig }

    It 'Connect-DockerRegistry refuses a registry that is not there with a typed error and stores nothing' {
        $config = New-DockerConfig
        { Connect-DockerRegistry "127.0.0.1:$(Get-FreePort)" -Credential $good -ErrorAction Stop } | Should -Throw -ErrorId 'Registry*'
        Test-Path "$config/config.json" | Should -BeFalse
    }

    It 'Disconnect-DockerRegistry of a registry with no stored login writes nothing and says so' {
        $config = New-DockerConfig
        Disconnect-DockerRegistry '127.0.0.1:1' -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable failed
        (@($warned) + @($failed)).Count | Should -BeGreaterThan 0
        Test-Path "$config/config.json" | Should -BeFalse
    }
}
