package io.github.cdk8s_stateful_service.example;

import io.github.cdk8s_stateful_service.Acknowledgement;
import io.github.cdk8s_stateful_service.ContainerPort;
import io.github.cdk8s_stateful_service.ContainerProps;
import io.github.cdk8s_stateful_service.EnvValue;
import io.github.cdk8s_stateful_service.ExternalAccess;
import io.github.cdk8s_stateful_service.HostPathStorageProps;
import io.github.cdk8s_stateful_service.NodePortAccessOptions;
import io.github.cdk8s_stateful_service.PolicyRule;
import io.github.cdk8s_stateful_service.StatefulService;
import io.github.cdk8s_stateful_service.Storage;
import java.util.List;
import java.util.Map;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.Size;
import software.constructs.Construct;

/**
 * The book's example (Kubernetes Patterns, "Stateful Service"), as
 * src/charts/random-generator-chart.ts writes it in TypeScript: the random-generator service
 * as StatefulSet {@code rg} with two replicas, each writing its log to its own volume, on a
 * single-node minikube.
 */
public class RandomGeneratorChart extends Chart {
    private final StatefulService service;

    public RandomGeneratorChart(final Construct scope, final String id) {
        // The namespace the pre-bound volumes' claimRefs name: every object carries it.
        super(scope, id, ChartProps.builder().namespace("default").build());
        this.service = StatefulService.Builder.create(this, "rg")
                .name("rg")
                .serviceName("random-generator")
                .replicas(2)
                .container(ContainerProps.builder()
                        .image("k8spatterns/random-generator:1.0")
                        .ports(List.of(ContainerPort.builder().name("http").number(8080).build()))
                        .env(Map.of("LOG_FILE", EnvValue.literal("/opt/logs/random.log")))
                        .build())
                .storage(List.of(Storage.hostPath(HostPathStorageProps.builder()
                        .name("logs")
                        .size(Size.mebibytes(10))
                        .mountPath("/opt/logs")
                        // minikube's default class: the class the book's volumes and claims share.
                        .storageClassName("standard")
                        // Three volumes for two replicas, so that the walkthrough's scale-up to 3 finds one.
                        .count(3)
                        .volumeName("log-{ordinal+1}")
                        .path("/tmp/example/{ordinal+1}")
                        .build())))
                .externalAccess(ExternalAccess.nodePort(NodePortAccessOptions.builder()
                        .name("random-generator-np")
                        .build()))
                .acknowledgements(List.of(
                        Acknowledgement.builder()
                                .rule(PolicyRule.HOST_PATH)
                                .reason("the book example runs on single-node minikube, where a hostPath volume is a directory of the one node")
                                .build(),
                        Acknowledgement.builder()
                                .rule(PolicyRule.NODE_PORT)
                                .reason("the book example is reached from outside minikube through `minikube service random-generator-np`")
                                .build()))
                .build();
    }

    public StatefulService getService() {
        return service;
    }
}
