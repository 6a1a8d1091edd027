{{/*
Deployment of one component. Context: dict "root" $ "key" "calculationService" "component" "calculation-service".
Optional "role" "shardHost": pong-service's image as a host of other instances' game shards (pongService.shardHosts).
*/}}
{{- define "ledgerflow.deployment" -}}
{{- $root := .root -}}
{{- $v := index $root.Values .key -}}
{{- $ctx := dict "root" $root "component" .component -}}
{{- $shardHost := eq (default "" .role) "shardHost" -}}
{{- $single := and $v.singleInstance (not $shardHost) -}}
{{- if and $single (or (gt (int $v.replicaCount) 1) $v.autoscaling.enabled) -}}
{{- fail (printf "%s runs in one instance (%s.singleInstance): keep %s.replicaCount at 1 and %s.autoscaling.enabled false" .component .key .key .key) -}}
{{- end -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "ledgerflow.componentName" $ctx }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "ledgerflow.componentLabels" $ctx | nindent 4 }}
spec:
  {{- if $shardHost }}
  replicas: {{ $v.shardHosts.replicaCount }}
  {{- else if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "ledgerflow.selectorLabels" $ctx | nindent 6 }}
  strategy:
    {{- if $single }}
    # never two at once, not even during an update
    type: Recreate
    {{- else }}
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
    {{- end }}
  template:
    metadata:
      labels:
        {{- include "ledgerflow.componentLabels" $ctx | nindent 8 }}
      annotations:
        {{- if $root.Values.metrics.podAnnotations }}
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ $v.ports.management | quote }}
        prometheus.io/path: /actuator/prometheus
        {{- end }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "ledgerflow.serviceAccountName" $root }}
      automountServiceAccountToken: {{ $root.Values.serviceAccount.automountServiceAccountToken }}
      enableServiceLinks: false
      {{- with $root.Values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: 45
      containers:
        - name: {{ .component }}
          image: {{ include "ledgerflow.image" . | quote }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ $v.ports.http }}
              protocol: TCP
            - name: management
              containerPort: {{ $v.ports.management }}
              protocol: TCP
          env:
            - name: SERVER_PORT
              value: {{ $v.ports.http | quote }}
            - name: MANAGEMENT_PORT
              value: {{ $v.ports.management | quote }}
            - name: LOG_FORMAT
              value: {{ $root.Values.logFormat | quote }}
            - name: TRACING_SAMPLING_PROBABILITY
              value: {{ $root.Values.observability.tracing.samplingProbability | quote }}
            {{- with $root.Values.observability.tracing.zipkinEndpoint }}
            - name: TRACING_EXPORT_ENABLED
              value: "true"
            - name: TRACING_ZIPKIN_ENDPOINT
              value: {{ . | quote }}
            {{- end }}
            {{- with $root.Values.observability.management.existingSecret }}
            - name: MANAGEMENT_TOKEN
              valueFrom:
                secretKeyRef:
                  name: {{ . }}
                  key: {{ $root.Values.observability.management.existingSecretKey }}
            {{- end }}
            {{- if not (and $root.Values.observability.introspection $root.Values.observability.management.existingSecret) }}
            - name: MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE
              value: "health,prometheus"
            {{- end }}
            - name: JAVA_TOOL_OPTIONS
              value: {{ $root.Values.javaToolOptions | quote }}
            {{- if $v.database }}
            {{- include "ledgerflow.kafkaEnv" $root | nindent 12 }}
            - name: KAFKA_CREATE_TOPICS
              value: {{ eq $root.Values.kafka.topics.create "services" | quote }}
            {{- else }}
            - name: KAFKA_BOOTSTRAP_SERVERS
              value: {{ required "kafka.bootstrapServers is required" $root.Values.kafka.bootstrapServers | quote }}
            {{- end }}
            {{- include "ledgerflow.authEnv" $root | nindent 12 }}
            {{- if eq .key "gateway" }}
            - name: CALC_URL
              value: {{ include "ledgerflow.upstreamUrl" (dict "root" $root "key" "calculationService" "component" "calculation-service") | quote }}
            - name: LINKING_URL
              value: {{ include "ledgerflow.upstreamUrl" (dict "root" $root "key" "linkingService" "component" "linking-service") | quote }}
            - name: SHARING_URL
              value: {{ include "ledgerflow.upstreamUrl" (dict "root" $root "key" "dataSharingService" "component" "data-sharing-service") | quote }}
            - name: PONG_URL
              value: {{ include "ledgerflow.upstreamUrl" (dict "root" $root "key" "pongService" "component" "pong-service") | quote }}
            {{- end }}
            {{- if $v.database }}
            {{- include "ledgerflow.databaseEnv" (dict "root" $root "key" .key) | nindent 12 }}
            - name: DB_MIGRATE_ON_START
              value: {{ not $root.Values.migrations.job | quote }}
            {{- end }}
            {{- if $shardHost }}
            - name: PONG_SHARD_HOST_ENABLED
              value: "true"
            - name: PONG_RESUME_ON_START
              value: "false"
            {{- else if and (eq .key "pongService") (gt (int $v.shardHosts.replicaCount) 0) }}
            - name: PONG_SHARDS_PLACEMENT
              value: "remote"
            {{- end }}
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: {{ $v.startupProbe.periodSeconds }}
            failureThreshold: {{ $v.startupProbe.failureThreshold }}
            timeoutSeconds: 3
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: {{ $v.livenessProbe.periodSeconds }}
            failureThreshold: {{ $v.livenessProbe.failureThreshold }}
            timeoutSeconds: 3
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: management
            periodSeconds: {{ $v.readinessProbe.periodSeconds }}
            failureThreshold: {{ $v.readinessProbe.failureThreshold }}
            timeoutSeconds: 3
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if $v.database }}
            {{- include "ledgerflow.connectionVolumeMounts" $root | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpVolume.sizeLimit }}
        {{- if $v.database }}
        {{- include "ledgerflow.connectionVolumes" $root | nindent 8 }}
        {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      affinity:
        {{- if $v.affinity }}
        {{- toYaml $v.affinity | nindent 8 }}
        {{- else }}
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    {{- include "ledgerflow.selectorLabels" $ctx | nindent 20 }}
        {{- end }}
{{- end -}}
