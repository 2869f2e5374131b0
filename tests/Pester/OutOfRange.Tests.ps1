# Values out of range and malformed references are typed errors, never a .NET exception's type name, and send
# nothing to the engine (issue 13, items 3 and 4).

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $box = New-TestName 'range'
    Invoke-TestDocker create --label psdocker.test=range --name $box $image true | Out-Null

    function Get-Failure([scriptblock] $Call) {
        $ErrorActionPreference = 'Stop'
        try { & $Call; $null } catch { $_ }
    }
}

AfterAll {
    Remove-TestObject
}

Describe 'Out-of-range times, sizes and durations' {
    It '<What> is <ErrorId>' -ForEach @(
        @{ What = 'logs -Since 99999999999999'; ErrorId = 'InvalidTimeArgument'; Call = { Get-DockerContainerLog -Name $box -Since 99999999999999 -ErrorAction Stop } }
        @{ What = "logs -Since '1e300'"; ErrorId = 'InvalidTimeArgument'; Call = { Get-DockerContainerLog -Name $box -Since '1e300' -ErrorAction Stop } }
        @{ What = "logs -Since '99999999999h'"; ErrorId = 'InvalidTimeArgument'; Call = { Get-DockerContainerLog -Name $box -Since '99999999999h' -ErrorAction Stop } }
        @{ What = 'logs -Since (New-TimeSpan -Days 9999999)'; ErrorId = 'InvalidTimeArgument'; Call = { Get-DockerContainerLog -Name $box -Since (New-TimeSpan -Days 9999999) -ErrorAction Stop } }
        @{ What = "events -Since '99999999999h'"; ErrorId = 'InvalidTimeArgument'; Call = { Get-DockerEvent -Since '99999999999h' -Until (Get-Date) -ErrorAction Stop } }
        @{ What = 'events -Until 1e300'; ErrorId = 'InvalidTimeArgument'; Call = { Get-DockerEvent -Since 10m -Until '1e300' -ErrorAction Stop } }
        @{ What = "prune until '99999999999h'"; ErrorId = 'InvalidTimeArgument'; Call = { Clear-DockerSystem -Filter @{ until = '99999999999h' } -WhatIf -ErrorAction Stop } }
        @{ What = "-Memory '99999999999999999999g'"; ErrorId = 'InvalidMemory'; Call = { New-DockerContainer $image -Memory '99999999999999999999g' -ErrorAction Stop } }
        @{ What = "-ShmSize '99999999999999999999g'"; ErrorId = 'InvalidSize'; Call = { New-DockerContainer $image -ShmSize '99999999999999999999g' -ErrorAction Stop } }
        @{ What = "-HealthInterval '99999999999999999h'"; ErrorId = 'InvalidDuration'; Call = { New-DockerContainer $image -HealthCmd true -HealthInterval '99999999999999999h' -ErrorAction Stop } }
        @{ What = "-Name '['"; ErrorId = 'InvalidWildcardPattern'; Call = { Get-DockerContainer -Name '[' -ErrorAction Stop } }
        @{ What = "Get-DockerImage 'a[b'"; ErrorId = 'InvalidWildcardPattern'; Call = { Get-DockerImage 'a[b' -ErrorAction Stop } }
    ) {
        $before = @(Invoke-TestDocker ps -aq).Count
        $err = Get-Failure $Call
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err.FullyQualifiedErrorId | Should -Not -Match '^System\.'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$err" | Should -Match 'use|Escape|most'
        @(Invoke-TestDocker ps -aq).Count | Should -Be $before
    }
}

Describe 'Image references are checked before the engine sees them' {
    It '<Reference> is InvalidImageReference saying <Why>' -ForEach @(
        @{ Reference = 'a::b'; Why = 'name component' }
        @{ Reference = 'UPPER/Case'; Why = 'lower case' }
        @{ Reference = 'x@sha256:123'; Why = 'digest' }
        @{ Reference = 'bad tag'; Why = 'white space' }
        @{ Reference = 'app:-tag'; Why = 'tag' }
        @{ Reference = 'team//app'; Why = 'empty name component' }
    ) {
        $before = @(Invoke-TestDocker ps -aq).Count
        $err = Get-Failure { New-DockerContainer $Reference true -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidImageReference,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be $Reference
        "$err" | Should -BeLike "*$Why*"
        @(Invoke-TestDocker ps -aq).Count | Should -Be $before
        # The docker CLI refuses each of them too.
        Invoke-TestDockerUnchecked create $Reference true | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
    }

    It 'refuses a bad tag for Build-DockerImage before reading the context' {
        $context = Join-Path $env:PSDOCKER_PESTER_TEMP "ctx-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        New-Item -ItemType Directory $context | Out-Null
        Set-Content (Join-Path $context 'Dockerfile') "FROM $image"
        $err = Get-Failure { Build-DockerImage -Path $context -Tag 'Bad:Tag:x' -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -Match '^Invalid(ImageReference|Tag)'
    }

    It 'still takes registry hosts, ports, digests and ids' {
        foreach ($good in 'busybox', 'busybox:1.36', '127.0.0.1:5000/team/app:v1.2_3', 'localhost/app', 'a.b-c/d__e/f-g:latest', "app@sha256:$('a' * 64)") {
            $err = Get-Failure { New-DockerContainer $good true -Pull never -WhatIf }
            $err | Should -BeNullOrEmpty -Because "'$good' is a valid reference"
        }
    }
}
