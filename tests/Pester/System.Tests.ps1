# The engine as a whole: connection, version, info, events, disk usage and prune.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
}

AfterAll { Remove-TestObject }

Describe 'System cmdlets' {
    It 'Test-DockerConnection is $true for the engine and $false for a socket that is not there' {
        Test-DockerConnection | Should -BeTrue
        Test-DockerConnection -DockerHost 'unix:///nonexistent/pester.sock' | Should -BeFalse
    }

    It 'Get-DockerVersion and Get-DockerInfo agree with docker version and docker info' {
        (Get-DockerVersion).ApiVersion | Should -Be (Invoke-TestDocker version -f '{{.Server.APIVersion}}')
        (Get-DockerInfo).Id | Should -Be (Invoke-TestDocker info -f '{{.ID}}')
        Get-DockerInfo | ConvertTo-Json | ConvertFrom-Json | Select-Object -ExpandProperty ServerVersion | Should -Not -BeNullOrEmpty
    }

    It 'Get-DockerDiskUsage has one totals row per kind' {
        (Get-DockerDiskUsage).Type | Should -Contain 'Images'
    }

    It 'Get-DockerEvent returns what happened in a time window' {
        $since = Get-Date
        $name = New-TestName 'ev'
        Invoke-TestDocker create --label psdocker.test=system --name $name $image | Out-Null
        $events = Get-DockerEvent -Since $since -Until (Get-Date).AddSeconds(1)
        ($events | Where-Object Action -eq 'create' | ForEach-Object { $_.Attributes['name'] }) | Should -Contain $name
    }

    It 'Clear-DockerSystem -WhatIf removes nothing' {
        $name = New-TestName 'prune'
        Invoke-TestDocker create --label psdocker.test=system --name $name $image | Out-Null
        Clear-DockerSystem -Type Container -WhatIf
        Invoke-TestDocker ps -aq --filter "name=$name" | Should -Not -BeNullOrEmpty
    }

    It 'typed errors: <Id>' -TestCases @(
        @{ Script = { Get-DockerVersion -DockerHost 'bogus://x' -ErrorAction Stop }; Id = 'DockerHostInvalid' }
        @{ Script = { Get-DockerInfo -DockerHost 'unix:///nonexistent/pester.sock' -ErrorAction Stop }; Id = 'DockerEngineUnreachable' }
        @{ Script = { Get-DockerEvent -Since 'not-a-time' -Until (Get-Date) -ErrorAction Stop }; Id = 'InvalidTimeArgument' }
        @{ Script = { Get-DockerDiskUsage -Context 'pester-no-such-context' -ErrorAction Stop }; Id = 'DockerContextNotFound' }
        @{ Script = { Clear-DockerSystem -Filter @{ bogus = 1 } -WhatIf -ErrorAction Stop }; Id = 'InvalidPruneFilter' }
    ) {
        param($Script, $Id)
        $Script | Should -Throw -ErrorId "$Id,*"
    }
}
