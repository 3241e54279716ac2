package com.example.cache;

import io.github.cdk8s_stateful_service.ClaimOptions;
import io.github.cdk8s_stateful_service.ContainerPort;
import io.github.cdk8s_stateful_service.ContainerProps;
import io.github.cdk8s_stateful_service.StatefulService;
import io.github.cdk8s_stateful_service.Storage;
import java.util.List;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.Size;

public final class Main {
    public static void main(final String[] args) {
        final App app = new App();
        final Chart chart = new Chart(app, "cache");
        StatefulService.Builder.create(chart, "cache")
                .name("cache")
                .replicas(3)
                .container(ContainerProps.builder()
                        .image("example/cache:2.4.1")
                        .ports(List.of(ContainerPort.builder().name("http").number(8080).build()))
                        .build())
                .storage(List.of(Storage.dynamic(ClaimOptions.builder()
                        .size(Size.gibibytes(1))
                        .mountPath("/data")
                        .build())))
                .build();
        app.synth();
    }
}
