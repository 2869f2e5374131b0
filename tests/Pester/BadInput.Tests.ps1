# Bad input to the cmdlets not covered by their area's file: each a typed error (a specific ErrorId, never a
# .NET type name), caught with -ErrorAction Stop as a script would, and nothing left behind.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
}

AfterAll { Remove-TestObject }

Describe 'Typed errors for bad input' {
    BeforeAll {
        $before = @{
            Containers = @(Invoke-TestDocker ps -aq)
            Images = @(Invoke-TestDocker images -q)
        }
    }

    It '<Name>' -TestCases @(
        @{ Name = 'New-DockerContainer with a bad -Publish'; Id = 'InvalidPublishSpec'; Script = { New-DockerContainer $image -Publish '99999:80' -ErrorAction Stop } }
        @{ Name = 'New-DockerContainer with a bad -Memory'; Id = 'InvalidMemory'; Script = { New-DockerContainer $image -Memory 'lots' -ErrorAction Stop } }
        @{ Name = 'Rename-DockerContainer of a container that does not exist'; Id = 'ContainerNotFound'; Script = { Rename-DockerContainer 'pester-no-such-container' -NewName 'x' -ErrorAction Stop } }
        @{ Name = 'Update-DockerContainer with nothing to update'; Id = 'UpdateNothingGiven'; Script = { Update-DockerContainer 'pester-no-such-container' -ErrorAction Stop } }
        @{ Name = 'Invoke-DockerContainerCommand in a container that does not exist'; Id = 'ContainerNotFound'; Script = { Invoke-DockerContainerCommand 'pester-no-such-container' true -ErrorAction Stop } }
        @{ Name = 'Export-DockerContainer of a container that does not exist'; Id = 'ContainerNotFound'; Script = { Export-DockerContainer 'pester-no-such-container' -Path (Join-Path $env:PSDOCKER_PESTER_TEMP 'none.tar') -ErrorAction Stop } }
        @{ Name = 'Add-DockerImageTag of an image that does not exist'; Id = 'ImageNotFound'; Script = { Add-DockerImageTag 'pester/no-such-image:1' -Tag 'pester/x:1' -ErrorAction Stop } }
        @{ Name = 'Get-DockerImageHistory of an image that does not exist'; Id = 'ImageNotFound'; Script = { Get-DockerImageHistory 'pester/no-such-image:1' -ErrorAction Stop } }
        @{ Name = 'Export-DockerImage of an image that does not exist'; Id = 'ImageNotFound'; Script = { Export-DockerImage 'pester/no-such-image:1' -Path (Join-Path $env:PSDOCKER_PESTER_TEMP 'none-image.tar') -ErrorAction Stop } }
        @{ Name = 'Export-DockerImage into a folder that does not exist'; Id = 'ExportFolderNotFound'; Script = { Export-DockerImage $image -Path '/no/such/pester/folder/x.tar' -ErrorAction Stop } }
        @{ Name = 'New-DockerImage from a container that does not exist'; Id = 'ContainerNotFound'; Script = { New-DockerImage -Container 'pester-no-such-container' -Tag 'pester/c:1' -ErrorAction Stop } }
        @{ Name = 'Get-DockerContainerLog with a -Since that is not a time'; Id = 'InvalidTimeArgument'; Script = { Get-DockerContainerLog 'pester-no-such-container' -Since 'yesterday-ish' -ErrorAction Stop } }
    ) {
        param($Name, $Id, $Script)
        $caught = $null
        try { & $Script } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty -Because "$Name must fail"
        $caught.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $caught.FullyQualifiedErrorId | Should -Not -Match '^System\.|Exception,'
        $caught.Exception.Message | Should -Not -BeNullOrEmpty
    }

    It 'left no container and no image behind' {
        @(Invoke-TestDocker ps -aq) | Should -Be $before.Containers
        @(Invoke-TestDocker images -q) | Should -Be $before.Images
    }
}
