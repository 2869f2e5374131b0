# Images and registries: pull from and push to the run's 127.0.0.1 registry, tag, history, save/load, build.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $registry = $env:PSDOCKER_PESTER_REGISTRY
}

Describe 'Get-DockerImage' {
    It 'lists the test image as docker images does' {
        $row = Get-DockerImage | Where-Object Name -eq $image
        $row.Repository | Should -Be 'psdocker-test/busybox'
        $row.Tag | Should -Be 'latest'
        $row.Id | Should -Be (Invoke-TestDocker image inspect -f '{{.Id}}' $image)
    }

    It 'finds by name and by wildcard; -Inspect gives the config' {
        (Get-DockerImage $image).Name | Should -Be $image
        (Get-DockerImage 'psdocker-test/*').Name | Should -Contain $image
        (Get-DockerImage $image -Inspect).Labels['psdocker.test'] | Should -Be 'image'
    }

    It 'says ImageNotFound for an image that does not exist' {
        { Get-DockerImage 'pester/no-such-image:1' -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNotFound,*'
    }

    It 'keeps NAMES whole at <Width> columns' -TestCases @(@{ Width = 80 }, @{ Width = 120 }) {
        param($Width)
        Get-DockerImage $image | Out-String -Width $Width | Should -Match 'psdocker-test/busybox'
    }
}

Describe 'Pull, tag, push and remove' {
    It 'Install-DockerImage pulls from a 127.0.0.1 registry' {
        $name = "$registry/psdocker-test/busybox:latest"
        Invoke-TestDockerUnchecked rmi $name | Out-Null
        $pulled = Install-DockerImage $name
        $pulled.Name | Should -Be $name
    }

    It 'Add-DockerImageTag, Publish-DockerImage and Remove-DockerImage work through the pipeline' {
        $tag = "$registry/pester/pushed:$(New-TestName 'v')"
        Get-DockerImage $image | Add-DockerImageTag -Tag $tag
        $pushed = Get-DockerImage $tag | Publish-DockerImage
        $pushed.Digest | Should -BeLike 'sha256:*'
        Get-DockerImage $tag | Remove-DockerImage -WhatIf
        Get-DockerImage $tag | Should -Not -BeNullOrEmpty
        Get-DockerImage $tag | Remove-DockerImage
        Get-DockerImage $tag -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Install-DockerImage of a tag the registry lacks says ImageNotFound' {
        { Install-DockerImage "$registry/pester/none:missing" -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNotFound,*'
    }

    It 'Publish-DockerImage of an image that is not there fails with a typed error' {
        { Publish-DockerImage "$registry/pester/not-here:1" -ErrorAction Stop } | Should -Throw -ErrorId 'Image*'
    }

    It 'Remove-DockerImage of an unknown image is ImageNotFound' {
        { Remove-DockerImage 'pester/no-such-image:1' -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNotFound,*'
    }
}

Describe 'History, build, save and load' {
    It 'Get-DockerImageHistory lists the layers' {
        (Get-DockerImageHistory $image).Count | Should -BeGreaterThan 0
    }

    It 'Build-DockerImage builds a Dockerfile and returns the image' {
        $context = New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'ctx'))
        Set-Content "$context/Dockerfile" "FROM $image`nRUN echo built > /built`nLABEL psdocker.test=build"
        $tag = "pester/built:$(New-TestName 'v')"
        $built = Build-DockerImage $context -Tag $tag
        $built.Name | Should -Be $tag
        Invoke-TestDocker run --rm $tag cat /built | Should -Be 'built'
        Remove-DockerImage $tag
    }

    It 'Build-DockerImage of a failing step is BuildStepFailed' {
        $context = New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'ctx'))
        Set-Content "$context/Dockerfile" "FROM $image`nRUN exit 7"
        { Build-DockerImage $context -Tag 'pester/fails:1' -ErrorAction Stop } | Should -Throw -ErrorId 'BuildStepFailed,*'
    }

    It 'Export-DockerImage and Import-DockerImage round-trip an image, and the output shows its size' {
        $tar = Join-Path $env:PSDOCKER_PESTER_TEMP "$(New-TestName 'save').tar"
        $saved = Export-DockerImage $image -Path $tar
        (Get-Item $tar).Length | Should -BeGreaterThan 1MB
        ($saved | Out-String) | Should -Match ([string](Get-Item $tar).Length)
        $loaded = Import-DockerImage -Path $tar
        $loaded.Id | Should -Contain (Invoke-TestDocker image inspect -f '{{.Id}}' $image)
    }

    It 'New-DockerImage commits a container' {
        $name = New-TestName 'commit'
        Invoke-TestDocker run --label psdocker.test=images --name $name $image sh -c 'echo c > /committed' | Out-Null
        $tag = "pester/committed:$(New-TestName 'v')"
        (New-DockerImage -Container $name -Tag $tag).Name | Should -Be $tag
        Invoke-TestDocker run --rm $tag cat /committed | Should -Be 'c'
        Invoke-TestDocker rm $name | Out-Null
        Remove-DockerImage $tag
    }
}

Describe 'Registry credentials' {
    It 'Connect-DockerRegistry refuses a registry that is not there with a typed error' {
        $credential = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force))
        { Connect-DockerRegistry "127.0.0.1:$(Get-FreePort)" -Credential $credential -ErrorAction Stop } | Should -Throw -ErrorId 'Registry*'
    }

    It 'Disconnect-DockerRegistry of a registry with no stored login writes nothing and says so' {
        Disconnect-DockerRegistry '127.0.0.1:1' -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable failed
        (@($warned) + @($failed)).Count | Should -BeGreaterThan 0
        Test-Path (Join-Path $env:DOCKER_CONFIG 'config.json') | Should -BeFalse
    }
}
