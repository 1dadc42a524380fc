package nl.lvds.pipeline.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.lvds.models.event.Incident;

/**
 * What the generator made on one day, as reported in archive.json. {@code byTopic} counts the topic
 * the generator intended for each signal; it is bookkeeping for reviewers, not a label set.
 *
 * @param date the local date
 * @param signals signals written
 * @param incidents incidents written
 * @param bursts copy-paste bursts
 * @param burstSignals signals that belong to a burst
 * @param byTopic intended topic per signal ("none" for no topic)
 * @param events ids of the scripted events that contributed on this day
 * @param burstTruth the day's copy-paste bursts, in the order they were made
 * @param routine the day's routine incidents (not those of scripted events)
 */
public record DayStats(
        LocalDate date,
        int signals,
        int incidents,
        int bursts,
        int burstSignals,
        Map<String, Integer> byTopic,
        List<String> events,
        List<BurstTruth> burstTruth,
        List<Incident> routine) {}
